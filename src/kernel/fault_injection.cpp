// The fail-nth counter; see fault_injection.h.
#include "kernel/fault_injection.h"

#include "kernel/kernel.h"
#include "kernel/module_registry.h"
#include "kernel/symbolize.h"

namespace ksim {

bool FaultInjector::should_fail(Kernel& kernel, uint64_t call_site, const char* function) {
    {
        auto& registry = kernel.modules();
        std::lock_guard guard(registry.lock());
        if (registry.module_at_locked(call_site) == nullptr)
            return false;
    }
    uint64_t n = m_calls.fetch_add(1) + 1;
    if (m_fail_nth == 0 || n != m_fail_nth)
        return false;
    std::string site = format_symbol(kernel, call_site, true);
    std::lock_guard guard(m_lock);
    m_injected = InjectedFailure{n, call_site, function, std::move(site)};
    return true;
}

std::optional<InjectedFailure> FaultInjector::injected() const {
    std::lock_guard guard(m_lock);
    return m_injected;
}

} // namespace ksim
