// kallsyms lookup (kernel/module/kallsyms.c: find_kallsyms_symbol()): the
// closest symbol at or below the address; its size runs to the next symbol
// or to the end of the region's text, as Linux computes it.
#include "kernel/symbolize.h"

#include "api/export.h"
#include "kernel/kernel.h"
#include "kernel/module_registry.h"

#include <fmt/format.h>

namespace ksim {

namespace {

std::optional<SymbolLocation> lookup_in_module(const Module& mod, uint64_t address) {
    bool in_init = !mod.init_freed && mod.init.range.contains(address);
    const ModuleLayout& layout = in_init ? mod.init : mod.core;
    const ModuleSymbol* best = nullptr;
    uint64_t next = layout.range.base + layout.text_size;
    if (address >= next)
        next = layout.range.base + layout.range.size;
    for (const auto& sym : mod.symbols) {
        if (sym.in_init != in_init)
            continue;
        if (sym.address <= address && (best == nullptr || sym.address > best->address))
            best = &sym;
        if (sym.address > address && sym.address < next)
            next = sym.address;
    }
    if (best == nullptr)
        return std::nullopt;
    return SymbolLocation{best->name, address - best->address, next - best->address, mod.name};
}

} // namespace

std::optional<SymbolLocation> symbolize(Kernel& kernel, uint64_t address) {
    {
        auto& registry = kernel.modules();
        std::lock_guard guard(registry.lock());
        if (Module* mod = registry.module_at_locked(address))
            return lookup_in_module(*mod, address);
    }
    for (const auto& e : kernel_exports())
        if (reinterpret_cast<uint64_t>(e.address) == address)
            return SymbolLocation{e.name, 0, 0, {}};
    return std::nullopt;
}

std::string format_symbol(Kernel& kernel, uint64_t address, bool with_offset) {
    auto loc = symbolize(kernel, address);
    if (!loc)
        return fmt::format("0x{:x}", address);
    std::string out = loc->symbol;
    if (with_offset)
        out += fmt::format("+0x{:x}/0x{:x}", loc->offset, loc->size);
    if (!loc->module.empty())
        out += " [" + loc->module + "]";
    return out;
}

} // namespace ksim
