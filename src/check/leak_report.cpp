// Leak reports at unload; see leak_report.h.
#include "check/leak_report.h"

#include "check/deferred_leftovers.h"
#include "check/resource_leaks.h"

#include "kernel/findings.h"
#include "kernel/kernel.h"
#include "kernel/module.h"
#include "kernel/module_source.h"
#include "kernel/slab.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace ksim {

namespace {

// kmemleak's hex dump: up to 32 bytes, 16 per row, "xx xx ...  ascii".
std::vector<std::string> hex_dump(const Allocation& a) {
    std::vector<std::string> rows;
    size_t n = std::min<size_t>(a.size, 32);
    auto* bytes = reinterpret_cast<const unsigned char*>(a.address);
    for (size_t row = 0; row < n; row += 16) {
        size_t len = std::min<size_t>(16, n - row);
        std::string hex, ascii;
        for (size_t i = 0; i < len; ++i) {
            unsigned char c = bytes[row + i];
            hex += fmt::format("{}{:02x}", i ? " " : "", c);
            ascii += std::isprint(c) ? static_cast<char>(c) : '.';
        }
        hex.resize(16 * 3 - 1, ' ');
        rows.push_back(fmt::format("    {}  {}", hex, ascii));
    }
    return rows;
}

} // namespace

size_t report_module_leaks(Kernel& kernel, Module& module, bool init_failed) {
    // Timers, work and kthreads first: once stopped, nothing of the module
    // runs or allocates any more while the rest is checked.
    report_deferred_leftovers(kernel, module, init_failed);
    // SLUB debug's check_object() over what the module still holds and what
    // it freed (writes past the end, before the start, after free), before
    // the module's symbols go away.
    for (const MemoryRange* range : {&module.core.range, &module.init.range})
        if (range->size != 0)
            kernel.slab().check_range(range->base, range->base + range->size, "rmmod");
    std::vector<Allocation> leaked;
    for (const MemoryRange* range : {&module.core.range, &module.init.range}) {
        if (range->size == 0)
            continue;
        auto objects = kernel.slab().live_from(range->base, range->base + range->size);
        leaked.insert(leaked.end(), objects.begin(), objects.end());
    }
    std::sort(leaked.begin(), leaked.end(),
              [](const auto& a, const auto& b) { return a.serial < b.serial; });
    size_t bytes = 0;
    for (const auto& a : leaked) {
        bytes += a.size;
        std::string where = module_symbol_string(module, a.call_site);
        std::string line = module_source_line(module, a.call_site, true);
        Finding f;
        f.kind = "leak";
        f.module = module.name;
        f.summary = fmt::format("{} leaked {} bytes ({}) allocated at {}", module.name, a.size,
                                alloc_kind_name(a.kind), where);
        f.location = line.empty() ? where : fmt::format("{} ({})", where, line);
        f.details.push_back(
            fmt::format("unreferenced object 0x{:016x} (size {}):", a.address, a.size));
        f.details.push_back(fmt::format("  comm \"{}\", pid {}", a.comm, a.pid));
        f.details.push_back(
            fmt::format("  hex dump (first {} bytes):", std::min<size_t>(a.size, 32)));
        for (auto& row : hex_dump(a))
            f.details.push_back(std::move(row));
        f.details.push_back("  backtrace:");
        f.details.push_back(fmt::format("    [<{:016x}>] {}{}", a.call_site, where,
                                        line.empty() ? "" : "  " + line));
        kernel.findings().add(std::move(f));
    }
    if (!leaked.empty())
        kernel.findings().add(
            Finding{"leak-summary",
                    fmt::format("{}: {} object{} ({} bytes) not freed at "
                                "unload",
                                module.name, leaked.size(), leaked.size() == 1 ? "" : "s", bytes),
                    module.name,
                    {},
                    {},
                    {}});
    report_resource_leaks(kernel, module, init_failed);
    return leaked.size();
}

} // namespace ksim
