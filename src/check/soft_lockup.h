#pragma once
// The soft-lockup watchdog (kernel/watchdog.c): a task that runs module code
// for longer than the threshold without ever reaching a point where it could
// schedule is reported as Linux's watchdog reports it ("BUG: soft lockup -
// CPU#0 stuck for 22s!", modules, registers, call trace; taint L). Unlike
// Linux, which leaves the CPU spinning, ksim then kills the task the way an
// Oops kills it, so that the rest of the run goes on.
//
// A host thread watches every task; when one is stuck it signals the task's
// thread, whose fault handler (fault_trap.h) jumps out of the module code if
// that is where the thread is, and the task reports itself from
// run_guarded(). A task stuck inside ksim's own code is signalled again
// until it is back in module code.

#include "check/fault_trap.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

namespace ksim {

class Kernel;

class SoftLockupWatchdog {
  public:
    // `threshold_secs`: 2 * watchdog_thresh in Linux (20 s); 0 turns it off.
    SoftLockupWatchdog(Kernel& kernel, unsigned threshold_secs);
    ~SoftLockupWatchdog();
    SoftLockupWatchdog(const SoftLockupWatchdog&) = delete;
    SoftLockupWatchdog& operator=(const SoftLockupWatchdog&) = delete;

    unsigned threshold_secs() const { return m_threshold; }
    // Starts the watching thread on the first entry into module code (not in
    // the constructor: a kernel made before a fork() must watch in the child).
    void ensure_running();
    // Ends the watching thread for good (the kernel is shutting down).
    void stop();

  private:
    void watch();

    Kernel& m_kernel;
    unsigned m_threshold;
    std::mutex m_lock;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::atomic<bool> m_started{false};
    std::thread m_thread;
};

// Entered-module-code bookkeeping for run_guarded(): a fresh entry counts as
// progress, as does every point where the task could schedule.
void note_schedule(Kernel& kernel);

// The report for a task the watchdog stopped (record.signal is the
// watchdog's signal): logs it, taints L, adds a Finding. Returns SIGKILL,
// the signal the task dies of.
int report_soft_lockup(Kernel& kernel, const FaultRecord& record, uint64_t entry_frame);

} // namespace ksim
