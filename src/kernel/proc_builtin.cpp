// /proc/version and /proc/kallsyms; see proc_builtin.h.
#include "kernel/proc_builtin.h"

#include "api/export.h"
#include "kernel/kernel.h"
#include "kernel/module_registry.h"
#include "vfs/vfs.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <vector>

// Boundaries of the ksim binary's sections, from the linker (non-PIE) and
// the C runtime: they give ksim's own symbols their nm letters.
extern "C" char etext, edata, end, __data_start;

namespace ksim {

namespace {

// The compiler that built this kernel, as LINUX_COMPILER names gcc.
std::string compiler_banner() {
#if defined(__clang__)
    return "clang version " __clang_version__;
#else
    return "gcc version " __VERSION__;
#endif
}

// nm's letter for an address in the ksim binary: text, read-only data,
// data or bss. Every ksim symbol a module can see is global.
char host_symbol_type(uint64_t address) {
    if (address < reinterpret_cast<uint64_t>(&etext))
        return 'T';
    if (address < reinterpret_cast<uint64_t>(&__data_start))
        return 'R';
    if (address < reinterpret_cast<uint64_t>(&edata))
        return 'D';
    if (address < reinterpret_cast<uint64_t>(&end))
        return 'B';
    return 'D';
}

} // namespace

std::string proc_version(const Kernel& kernel) {
    // linux_proc_banner: "%s version %s (" LINUX_COMPILE_BY "@"
    // LINUX_COMPILE_HOST ") (" LINUX_COMPILER ") %s\n", with sysname,
    // release and the uname version; ksim has no build date to report.
    return fmt::format("Linux version {} (ksim@ksim) ({}) #1 SMP PREEMPT_DYNAMIC ksim\n",
                       kernel.config().release, compiler_banner());
}

std::string proc_kallsyms(Kernel& kernel) {
    std::string out;
    // The kernel's own symbols, by address, as the kallsyms table is sorted;
    // addresses as root reads them (kptr_restrict does not hide them).
    std::vector<const KernelExport*> exports;
    for (const auto& e : kernel_exports())
        exports.push_back(&e);
    std::sort(exports.begin(), exports.end(), [](auto* a, auto* b) {
        return reinterpret_cast<uint64_t>(a->address) < reinterpret_cast<uint64_t>(b->address);
    });
    for (const auto* e : exports) {
        auto address = reinterpret_cast<uint64_t>(e->address);
        out += fmt::format("{:016x} {} {}\n", address, host_symbol_type(address), e->name);
    }
    // Then each module's symbols in symbol-table order, "%px %c %s\t[%s]\n":
    // upper case for the symbols the module exports, lower case for the
    // rest; init symbols only until the init sections are freed.
    auto& registry = kernel.modules();
    std::lock_guard guard(registry.lock());
    for (const auto& mod : registry.modules_locked()) {
        std::vector<const ModuleSymbol*> syms;
        for (const auto& sym : mod->symbols)
            syms.push_back(&sym);
        std::sort(syms.begin(), syms.end(),
                  [](auto* a, auto* b) { return a->symtab_index < b->symtab_index; });
        for (const ModuleSymbol* symp : syms) {
            const ModuleSymbol& sym = *symp;
            if (sym.in_init && mod->init_freed)
                continue;
            bool exported = std::any_of(mod->exports.begin(), mod->exports.end(),
                                        [&](const auto& x) { return x.name == sym.name; });
            char type = static_cast<char>(exported ? std::toupper(sym.kallsyms_type)
                                                   : std::tolower(sym.kallsyms_type));
            out += fmt::format("{:016x} {} {}\t[{}]\n", sym.address, type, sym.name, mod->name);
        }
    }
    return out;
}

void add_builtin_proc_files(Kernel& kernel) {
    auto& tree = kernel.vfs().tree();
    if (auto node = tree.create("/proc/version", vfs::NodeKind::File, 0444); !node.is_error()) {
        node.value()->callbacks.proc = true;
        node.value()->callbacks.show = [&kernel]() -> ErrorOr<std::string> {
            return proc_version(kernel);
        };
    }
    // kernel/kallsyms.c: 0444, readable by everyone (values zeroed for
    // unprivileged readers in Linux; ksim shows them to every reader).
    if (auto node = tree.create("/proc/kallsyms", vfs::NodeKind::File, 0444); !node.is_error()) {
        node.value()->callbacks.proc = true;
        node.value()->callbacks.show = [&kernel]() -> ErrorOr<std::string> {
            return proc_kallsyms(kernel);
        };
    }
}

} // namespace ksim
