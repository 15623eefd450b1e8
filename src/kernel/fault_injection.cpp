// The fail-nth counter; see fault_injection.h.
#include "kernel/fault_injection.h"

#include "kernel/kernel.h"
#include "kernel/module_memory.h"
#include "kernel/module_registry.h"
#include "kernel/module_source.h"

namespace ksim {

bool FaultInjector::should_fail(Kernel& kernel, uint64_t call_site, const char* function) {
    // All module images live in the module area, so this range test tells
    // module code from ksim's own without taking the registry lock (this
    // runs on every allocation).
    if (call_site < ModuleMemoryArea::area_start || call_site >= ModuleMemoryArea::area_end)
        return false;
    uint64_t n = m_calls.fetch_add(1) + 1;
    if (m_fail_nth == 0 || n != m_fail_nth)
        return false;
    Module* caller = nullptr;
    {
        auto& registry = kernel.modules();
        std::lock_guard guard(registry.lock());
        caller = registry.module_at_locked(call_site);
    }
    if (caller == nullptr)
        return false;
    // The caller is running, so its module stays loaded while we look.
    std::string site = module_symbol_string(*caller, call_site);
    if (std::string line = module_source_line(*caller, call_site, true); !line.empty())
        site += " (" + line + ")";
    std::lock_guard guard(m_lock);
    m_injected = InjectedFailure{n, call_site, function, std::move(site)};
    return true;
}

std::optional<InjectedFailure> FaultInjector::injected() const {
    std::lock_guard guard(m_lock);
    return m_injected;
}

} // namespace ksim
