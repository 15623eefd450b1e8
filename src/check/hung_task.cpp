// Reports of tasks that would wait forever; see hung_task.h.
#include "check/hung_task.h"

#include "check/fault_trap.h"
#include "check/lock_tracker.h"
#include "check/stack_trace.h"
#include "kernel/findings.h"
#include "kernel/kernel.h"
#include "kernel/task.h"

#include <fmt/format.h>

namespace ksim {

namespace {

constexpr int kEmerg = 0, kErr = 3, kWarn = 4, kInfo = 6;

} // namespace

void report_waits_forever(Kernel& kernel, const LockOp& op, const std::string& owner, int owner_pid,
                          bool exited) {
    const task_struct& task = kernel.tasks().current();
    PrintkLog& log = kernel.log();
    bool spinning = op.kind == LockKind::Spin || op.kind == LockKind::RwLock;
    std::string headline;
    if (spinning) {
        // watchdog_timer_fn(): "watchdog: " is kernel/watchdog.c's pr_fmt.
        headline = fmt::format("watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [{}:{}]",
                               task.comm, task.pid);
        log.emit(kEmerg, headline);
        log.emit(kWarn, modules_linked_in(kernel));
        kernel.taint().add(TaintFlag::SoftLockup);
        log_stack_dump(kernel, kWarn, op.frame, current_entry_frame());
    } else {
        // check_hung_task(), then sched_show_task().
        headline =
            fmt::format("INFO: task {}:{} blocked for more than 120 seconds.", task.comm, task.pid);
        log.emit(kErr, headline);
        log.emit(kErr,
                 fmt::format("      {} {} #1", kernel.taint().describe(), kernel.config().release));
        log.emit(kErr, "\"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this "
                       "message.");
        log.emit(kInfo, fmt::format("task:{:<15.15} state:D stack:0     pid:{:<5} ppid:1      "
                                    "flags:0x00004000",
                                    task.comm, task.pid));
        log_call_trace(kernel, kInfo, op.frame, current_entry_frame());
    }
    Where where = locate(kernel, op.ip);
    Finding f;
    f.kind = "deadlock";
    f.summary = fmt::format("{}/{} would wait forever for lock ({}) held by {}/{}, which {}; "
                            "ksim killed it",
                            task.comm, task.pid, op.name != nullptr ? op.name : "(null)", owner,
                            owner_pid, exited ? "exited holding it" : "died");
    f.module = where.module;
    f.location = where.source.empty() ? where.symbol : where.symbol + " (" + where.source + ")";
    f.details.push_back("  " + headline);
    kernel.findings().add(std::move(f));
}

bool end_waiter_if_owner_died(Kernel& kernel, unsigned long owner_pid, const LockOp& op) {
    if (owner_pid == 0)
        return false;
    {
        int pid = static_cast<int>(owner_pid);
        std::string comm = kernel.locks().dead_task(pid);
        bool exited = false;
        if (comm.empty()) {
            // A process that went back to user space holding the lock and
            // has since exited: nobody will ever release it either.
            comm = kernel.locks().left_holding(pid);
            if (comm.empty() || kernel.tasks().alive(pid))
                return false;
            exited = true;
        }
        report_waits_forever(kernel, op, comm, pid, exited);
    } // nothing left to destroy when the task is ended
    kill_deadlocked_task();
    return true;
}

} // namespace ksim
