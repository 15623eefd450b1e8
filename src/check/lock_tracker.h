#pragma once
// The locks each task holds, as lockdep keeps them in task_struct's
// held_locks[] (kernel/locking/lockdep.c): what the bad-unlock, recursive
// locking and held-at-return reports read. Spinlocks, rwlocks, mutexes and
// rw-semaphores are tracked; semaphores are not, as in Linux (they have no
// owner). Locks are told apart by instance, not by lockdep's class, so two
// locks initialised at the same line nest without a report.
//
// Lock order: m_lock is a leaf; no report is printed while it is held.

#include "support/abi.h"

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace ksim {

enum class LockKind { Spin, RwLock, Mutex, RwSem };

struct HeldLock {
    const void* instance = nullptr;
    std::string name; // lockdep's name: "my_lock", "&dev->lock"
    LockKind kind = LockKind::Mutex;
    bool read = false;       // taken shared (down_read, read_lock)
    bool irqs_on = true;     // interrupts enabled when it was taken
    bool softirqs_on = true; // bottom halves enabled when it was taken
    bool trylock = false;
    uint64_t acquire_ip = 0; // the call site in the module
    bool reported = false;   // already listed as held at a return to user space
};

class LockTracker {
  public:
    void acquired(const task_struct& task, HeldLock lock);
    // The task's hold of `instance`, if it has one.
    std::optional<HeldLock> holding(const task_struct& task, const void* instance) const;
    // Drops the task's most recent hold of `instance`; false when it holds
    // none ("bad unlock balance").
    bool released(const task_struct& task, const void* instance);
    // downgrade_write(): the task's write hold becomes a read hold.
    bool downgraded(const task_struct& task, const void* instance);
    // In the order they were taken.
    std::vector<HeldLock> held(const task_struct& task) const;
    // Every current hold has been reported as held at return to user space;
    // the task's pid and comm are remembered (see left_holding()).
    void mark_reported(const task_struct& task);
    // The comm of task `pid` if it once returned to user space holding
    // locks, else empty.
    std::string left_holding(int pid) const;
    // The task starts over: it holds nothing any more.
    void forget(const task_struct& task);
    // The task died in module code (Oops, a deadlock ended): it holds
    // nothing, and the locks it held stay taken by a pid that never comes
    // back, which waiters can ask about.
    void task_died(const task_struct& task);
    // The comm of the dead task `pid`, or empty when it is alive.
    std::string dead_task(int pid) const;

  private:
    struct TaskLocks {
        int pid = 0; // a task_struct reused for a new process starts empty
        std::vector<HeldLock> locks;
    };
    TaskLocks* locks_of_locked(const task_struct& task);
    const TaskLocks* locks_of_locked(const task_struct& task) const;

    mutable std::mutex m_lock;
    std::unordered_map<const task_struct*, TaskLocks> m_tasks;
    std::unordered_map<int, std::string> m_dead; // pid -> comm
    std::unordered_map<int, std::string> m_left; // pid -> comm
};

} // namespace ksim
