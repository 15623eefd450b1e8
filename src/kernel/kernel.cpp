// The kernel object: constructs the subsystems in dependency order and makes
// itself the active kernel of the process.
#include "kernel/kernel.h"

#include "check/lock_tracker.h"
#include "check/slab_report.h"
#include "check/soft_lockup.h"
#include "kernel/kthreads.h"
#include "kernel/module_registry.h"
#include "kernel/proc_builtin.h"
#include "kernel/slab.h"
#include "kernel/softirq.h"
#include "kernel/task.h"
#include "kernel/workqueues.h"
#include "vfs/vfs.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>

namespace ksim {

namespace {
// The one pointer that lets C entry points (printk, kmalloc, ...) find the
// kernel they belong to. It is not kernel state itself: the kernel object
// owns all state; this only names which kernel is running.
std::atomic<Kernel*> s_active{nullptr};
} // namespace

std::string vermagic_for(const std::string& release) {
    // include/linux/vermagic.h: UTS_RELEASE " " MODULE_VERMAGIC_SMP
    // MODULE_VERMAGIC_PREEMPT MODULE_VERMAGIC_MODULE_UNLOAD ...
    return release + " SMP preempt mod_unload ";
}

Kernel::Kernel(KernelConfig config)
    : m_config(std::move(config)), m_clock(m_config.virtual_clock), m_log(m_clock),
      m_faults(m_config.fail_nth) {
    m_tasks = std::make_unique<TaskTable>(*this);
    m_locks = std::make_unique<LockTracker>();
    m_slab = std::make_unique<SlabAllocator>(*this);
    install_slab_reports(*this);
    m_vfs = std::make_unique<vfs::Vfs>(*this);
    m_softirq = std::make_unique<Softirq>(*this);
    m_workqueues = std::make_unique<Workqueues>(*this);
    m_kthreads = std::make_unique<Kthreads>(*this);
    m_modules = std::make_unique<ModuleRegistry>(*this);
    add_builtin_proc_files(*this);
    m_watchdog = std::make_unique<SoftLockupWatchdog>(*this, m_config.soft_lockup_secs);
    s_active.store(this);
}

Kernel::~Kernel() {
    // No more watching: the tasks go away below (module exits still run).
    m_watchdog->stop();
    // Open files are closed before their modules' code goes away.
    m_vfs->close_all();
    // Modules go first: their exit paths still use memory and tasks.
    // Deferred work stops before the modules go: modules still loaded are
    // dropped without their exits, and nothing may run their code after.
    m_kthreads->shutdown();
    m_workqueues->shutdown();
    m_softirq->stop();
    m_modules.reset();
    // Files next: closing them releases into module-free state only.
    m_vfs.reset();
    m_slab.reset();
    m_tasks.reset();
    Kernel* self = this;
    s_active.compare_exchange_strong(self, nullptr);
}

Kernel& Kernel::active() {
    Kernel* k = s_active.load();
    if (k == nullptr) {
        std::fputs("ksim: kernel entry point called with no active kernel\n", stderr);
        std::abort();
    }
    return *k;
}

Kernel* Kernel::active_or_null() {
    return s_active.load();
}

} // namespace ksim
