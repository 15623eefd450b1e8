#pragma once
// ksim's counterpart of EXPORT_SYMBOL: the one table of every kernel symbol a
// module may link against. Each entry is a constant placed in the
// `ksim_exports` section of the ksim binary, so the table is assembled by the
// linker from the api/ files that define the functions; nothing registers at
// run time. The loader resolves a module's undefined symbols against it, modpost
// checks against it, and `ksim kdir --write-symvers` writes it out as
// Module.symvers.

#include <cstddef>
#include <span>
#include <string_view>

namespace ksim {

// Aligned to 16 so that the entries the compiler places in the section (which
// it aligns to 16 when they are this large) stay a plain array.
struct alignas(16) KernelExport {
    const char* name;
    const void* address;
    bool gpl_only;
};

// All entries of the table, in link order.
std::span<const KernelExport> kernel_exports();

// The entry for `name`, or nullptr.
const KernelExport* find_kernel_export(std::string_view name);

} // namespace ksim

#define KSIM_EXPORT_ENTRY(id, name_string, addr, gpl)                                              \
    [[gnu::used, gnu::section("ksim_exports")]] static const ::ksim::KernelExport                 \
        ksim_export_entry_##id{name_string, reinterpret_cast<const void*>(addr), gpl};

// Exports the C symbol `sym` under its own name.
#define EXPORT_SYMBOL_KSIM(sym) KSIM_EXPORT_ENTRY(sym, #sym, &sym, false)
#define EXPORT_SYMBOL_GPL_KSIM(sym) KSIM_EXPORT_ENTRY(sym, #sym, &sym, true)
// Exports `impl` under the Linux name `name`, for functions whose Linux name
// would clash with the C library ksim itself uses (snprintf, memcpy, ...).
#define EXPORT_SYMBOL_AS_KSIM(name, impl) KSIM_EXPORT_ENTRY(name, #name, &impl, false)
#define EXPORT_SYMBOL_GPL_AS_KSIM(name, impl) KSIM_EXPORT_ENTRY(name, #name, &impl, true)
