#pragma once
// Source locations inside loaded modules, for ksim's reports: an address in
// a module's core or init image becomes "symbol+0xoff/0xsize [module]" and
// "file.c:line" from the module's own debug information. Unlike kallsyms,
// this also resolves addresses in init sections that have been freed, since
// leaks and Oopses are often reported about code that ran in init.

#include "elf/debug_lines.h"
#include "kernel/symbolize.h"

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

namespace ksim {

class Module;

std::optional<SymbolLocation> module_symbol_at(const Module& module, uint64_t address);
// "hello_init+0x1a/0x60 [hello]" or the bare address.
std::string module_symbol_string(const Module& module, uint64_t address);
// "/path/hello.c:12", or empty when the module has no line for it. For a
// return address (a call site) the line of the call is wanted, not of the
// instruction after it.
std::string module_source_line(Module& module, uint64_t address, bool return_address = false);

} // namespace ksim
