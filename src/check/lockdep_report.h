#pragma once
// lockdep's reports as Linux 6.1 prints them with CONFIG_PROVE_LOCKING
// (kernel/locking/lockdep.c: print_unlock_imbalance_bug(),
// print_deadlock_bug(), lockdep_sys_exit()), always on in ksim. Each is also
// a Finding. Linux turns lockdep off after its first report
// (debug_locks_off()); ksim reports every one, like its other checks.
// No taint: lockdep's reports do not taint in Linux either.

#include "check/lock_tracker.h"

#include <cstdint>

namespace ksim {

class Kernel;

// A lock operation of the calling task, for the checks below. `name` may be
// null (a lock never initialised), `ip` is the module's call site and
// `frame` starts the backtrace.
struct LockOp {
    const void* instance;
    const char* name;
    LockKind kind;
    bool read;
    uint64_t ip;
    uint64_t frame;
};

// Before a lock is taken: when the task already holds it, prints "possible
// recursive locking detected" and returns true; the caller must then end
// the task instead of deadlocking (kill_deadlocked_task).
bool check_recursive_locking(Kernel& kernel, const LockOp& op);

// The lock was taken: record it for the task.
void note_lock_acquired(Kernel& kernel, const LockOp& op, bool trylock);

// Before a lock is released: false, after "bad unlock balance detected!",
// when the task does not hold it.
bool note_lock_released(Kernel& kernel, const LockOp& op);

// downgrade_write(): false (after the imbalance report) when the task does
// not hold it for writing.
bool note_lock_downgraded(Kernel& kernel, const LockOp& op);

// The task leaves module code for user space: reports "lock held when
// returning to user space!" with the locks it still holds, once per hold
// (they stay held: a later unlock is balanced). True when it reported.
bool check_locks_at_user_return(Kernel& kernel);

// After check_recursive_locking() reported: the task would hang forever in
// Linux; ksim ends its guarded call as if it had been killed (the shell
// shows "Killed") so the script goes on. Returns only outside module code.
void kill_deadlocked_task();

} // namespace ksim
