#pragma once
// A task that would wait forever for a lock whose owner died in module code
// (an Oops, or a deadlock ksim ended) or exited after returning to user
// space with it held. Linux leaves such a waiter blocked
// (sleeping locks) or spinning (spinlocks) and its watchdogs say so later:
// kernel/hung_task.c check_hung_task() after hung_task_timeout_secs (120),
// kernel/watchdog.c's soft lockup report after ~22 s. ksim prints that
// report at once, makes it a finding and ends the waiter like the owner,
// so that ksim itself never hangs.

#include "check/lockdep_report.h"

#include <string>

namespace ksim {

class Kernel;

// `owner` is the dead task's comm and pid; `exited` when it went back to
// user space holding the lock and its process ended. The caller then calls
// kill_deadlocked_task().
void report_waits_forever(Kernel& kernel, const LockOp& op, const std::string& owner,
                          int owner_pid, bool exited);

// For a waiter that found the lock taken by `owner_pid`: when that task
// died in module code, or left with the lock and exited, reports and ends
// the calling task. Returns true
// only outside module code, where the caller must stop waiting instead.
bool end_waiter_if_owner_died(Kernel& kernel, unsigned long owner_pid, const LockOp& op);

} // namespace ksim
