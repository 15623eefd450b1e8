// Module-relative symbols and source lines; see module_source.h.
#include "kernel/module_source.h"

#include "check/kernel_stack.h"

#include "kernel/module.h"

#include <fmt/format.h>

namespace ksim {

// As Linux's find_kallsyms_symbol(): the closest symbol at or below the
// address; its size runs to the next symbol or to the end of the region's text.
std::optional<SymbolLocation> module_symbol_at(const Module& mod, uint64_t address) {
    bool in_init = mod.init.range.contains(address);
    if (!in_init && !mod.core.range.contains(address))
        return std::nullopt;
    const ModuleLayout& layout = in_init ? mod.init : mod.core;
    const ModuleSymbol* best = nullptr;
    uint64_t next = layout.range.base + (layout.text_size ? layout.text_size : layout.range.size);
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

std::string module_symbol_string(const Module& mod, uint64_t address) {
    auto loc = module_symbol_at(mod, address);
    if (!loc)
        return fmt::format("0x{:x}", address);
    return fmt::format("{}+0x{:x}/0x{:x} [{}]", loc->symbol, loc->offset, loc->size, loc->module);
}

namespace {

std::string line_at(Module& mod, uint64_t address) {
    for (const auto& s : mod.sections) {
        if (address < s.address || address - s.address >= s.size)
            continue;
        auto loc = mod.debug->lookup(s.name, address - s.address);
        return loc.is_error() ? std::string() : loc.value().to_string();
    }
    return {};
}

bool in_ksim_headers(const std::string& line) {
    return line.rfind(KSIM_INCLUDE_DIR, 0) == 0;
}

} // namespace

namespace {

std::string source_line_here(Module& mod, uint64_t address, bool return_address) {
    std::lock_guard guard(mod.debug_lock);
    if (!mod.debug_tried) {
        mod.debug_tried = true;
        auto lines = elf::DebugLines::from_bytes(mod.image, mod.path);
        if (!lines.is_error())
            mod.debug = std::make_unique<elf::DebugLines>(lines.release_value());
    }
    if (!mod.debug)
        return {};
    if (!return_address)
        return line_at(mod, address);
    // The call instruction ends just before a return address; its line is
    // the caller's. Inlined helpers (kzalloc over kmalloc) can blur that
    // boundary, so a line inside ksim's own headers falls back to the
    // address itself.
    std::string line = line_at(mod, address - 1);
    if (line.empty() || in_ksim_headers(line)) {
        std::string other = line_at(mod, address);
        if (!other.empty() && !in_ksim_headers(other))
            return other;
    }
    return line;
}

} // namespace

std::string module_source_line(Module& mod, uint64_t address, bool return_address) {
    // libdw needs far more stack than a kernel stack has; this may be called
    // from module context (a failed allocation's call site).
    std::string line;
    with_host_stack([&] { line = source_line_here(mod, address, return_address); });
    return line;
}

} // namespace ksim
