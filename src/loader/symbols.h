#pragma once
// Symbol resolution (kernel/module/main.c: simplify_symbols(),
// resolve_symbol()) and the module's kallsyms table.

#include "loader/load_info.h"
#include "support/error_or.h"

namespace ksim {
class Kernel;
}

namespace ksim::loader {

// Computes the final value of every symbol: defined ones from their section's
// placement, undefined ones from ksim's exports and loaded modules' exports.
// Logs "<mod>: Unknown symbol <sym> (err -2)" for each unresolvable one.
// Call with the module registry's lock held.
ErrorOr<void> resolve_symbols(Kernel& kernel, LoadInfo& info);

// Fills module->symbols (sorted by address) for address lookup.
void build_kallsyms(LoadInfo& info);

// Reads the module's __ksymtab/__ksymtab_gpl (after relocation) into
// module->exports and rejects duplicates of existing exports.
ErrorOr<void> collect_exports(Kernel& kernel, LoadInfo& info);

} // namespace ksim::loader
