#pragma once
// The simulated kernel: one object that owns every piece of kernel state
// (log, modules, memory, tasks, files). All of ksim's mutable state lives
// here. Module code reaches it through Kernel::active(), the C equivalent of
// Linux's global kernel data.
//
// Lock order: ModuleRegistry's lock before any subsystem lock; PrintkLog's
// lock is a leaf (never hold another lock's callback while holding it).

#include "api/api_state.h"
#include "kernel/clock.h"
#include "kernel/fault_injection.h"
#include "kernel/findings.h"
#include "kernel/printk_log.h"
#include "kernel/taint.h"

#include <atomic>
#include <memory>
#include <string>

namespace ksim {

class LockTracker;
class ModuleRegistry;
class SlabAllocator;
class SoftLockupWatchdog;
class Softirq;
class Workqueues;
class Kthreads;
class TaskTable;
namespace vfs {
class Vfs;
}

struct KernelConfig {
    // uname -r of the simulated kernel; modules' vermagic must match.
    std::string release = "6.1.0-ksim";
    bool virtual_clock = false;
    // Make the N-th failable call from module code fail (0: never).
    uint64_t fail_nth = 0;
    // When false the loader links modules but never calls into them (init,
    // exit): for the loader's fuzz target, whose inputs are not code to run.
    bool run_module_code = true;
    // Seconds a task may run module code without scheduling before the
    // soft-lockup watchdog reports it (Linux: 2 * watchdog_thresh = 20);
    // 0 turns the watchdog off.
    unsigned soft_lockup_secs = 20;
};

// The vermagic string modules built for ksim carry (include/linux/vermagic.h).
std::string vermagic_for(const std::string& release);

class Kernel {
  public:
    explicit Kernel(KernelConfig config = {});
    ~Kernel();
    Kernel(const Kernel&) = delete;
    Kernel& operator=(const Kernel&) = delete;

    // The kernel module code is running against. Exactly one kernel is
    // active in a process at a time; constructing one makes it active.
    static Kernel& active();
    static Kernel* active_or_null();

    const KernelConfig& config() const { return m_config; }
    const Clock& clock() const { return m_clock; }
    PrintkLog& log() { return m_log; }
    Taint& taint() { return m_taint; }
    FindingLog& findings() { return m_findings; }
    FaultInjector& faults() { return m_faults; }
    // die_counter: the "[#N]" of the next Oops.
    int next_oops_number() { return ++m_oops_count; }
    ModuleRegistry& modules() { return *m_modules; }
    SlabAllocator& slab() { return *m_slab; }
    TaskTable& tasks() { return *m_tasks; }
    // Which locks each task holds (lockdep's held_locks).
    LockTracker& locks() { return *m_locks; }
    ApiState& api() { return m_api; }
    vfs::Vfs& vfs() { return *m_vfs; }
    SoftLockupWatchdog& watchdog() { return *m_watchdog; }
    // Deferred work: timers and tasklets, workqueues, kthreads.
    Softirq& softirq() { return *m_softirq; }
    Workqueues& workqueues() { return *m_workqueues; }
    Kthreads& kthreads() { return *m_kthreads; }

  private:
    KernelConfig m_config;
    Clock m_clock;
    PrintkLog m_log;
    Taint m_taint;
    FindingLog m_findings;
    FaultInjector m_faults;
    std::atomic<int> m_oops_count{0};
    ApiState m_api;
    std::unique_ptr<TaskTable> m_tasks;
    std::unique_ptr<LockTracker> m_locks;
    std::unique_ptr<SlabAllocator> m_slab;
    std::unique_ptr<vfs::Vfs> m_vfs; // after m_slab, before m_modules: see ~Kernel
    // Stopped after the modules' exits ran (they cancel their own work).
    std::unique_ptr<Softirq> m_softirq;
    std::unique_ptr<Workqueues> m_workqueues;
    std::unique_ptr<Kthreads> m_kthreads;
    std::unique_ptr<ModuleRegistry> m_modules;
    std::unique_ptr<SoftLockupWatchdog> m_watchdog; // stopped first in ~Kernel
};

} // namespace ksim
