// kallsyms lookup (kernel/module/kallsyms.c: find_kallsyms_symbol()) over
// loaded modules and ksim's exports.
#include "kernel/symbolize.h"

#include "api/export.h"
#include "kernel/kernel.h"
#include "kernel/module_registry.h"
#include "kernel/module_source.h"

#include <fmt/format.h>

namespace ksim {

std::optional<SymbolLocation> symbolize(Kernel& kernel, uint64_t address) {
    {
        auto& registry = kernel.modules();
        std::lock_guard guard(registry.lock());
        // module_at_locked() skips freed init sections, as kallsyms does.
        if (Module* mod = registry.module_at_locked(address))
            return module_symbol_at(*mod, address);
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
