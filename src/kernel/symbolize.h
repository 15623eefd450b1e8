#pragma once
// Address to symbol lookup (kallsyms): "symbol+0xoff/0xsize [module]" for an
// address inside a loaded module or ksim's own exported functions.

#include <cstdint>
#include <optional>
#include <string>

namespace ksim {

struct SymbolLocation {
    std::string symbol;
    uint64_t offset = 0;
    uint64_t size = 0;
    std::string module; // empty for the kernel (ksim) itself
};

class Kernel;

// Looks `address` up among loaded modules (including their freed init
// sections, which resolve to nothing) and ksim's exported symbols.
std::optional<SymbolLocation> symbolize(Kernel& kernel, uint64_t address);

// "%pS" form: "hello_init+0x1a/0x40 [hello]"; "%ps" form without offset:
// "hello_init [hello]"... exactly as lib/vsprintf.c symbol_string() prints;
// falls back to "0x%lx" when the address is unknown.
std::string format_symbol(Kernel& kernel, uint64_t address, bool with_offset);

} // namespace ksim
