#pragma once
// Tasks: every host thread that runs kernel or module code is a task with a
// struct task_struct that `current` returns. A task sleeps on a host
// condition variable of its own: schedule() blocks until a waker sets its
// state back to TASK_RUNNING (try_to_wake_up()), or until a signal is
// pending and the task sleeps interruptibly, as kernel/sched/core.c does.
//
// Lock: m_lock (the table) is never held while a task sleeps; each task's
// sleep lock is a leaf.
#include "support/abi.h"

#include <pthread.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace ksim {

class Kernel;

// What the soft-lockup watchdog needs to know about a task, written by the
// task's own thread without locks and read by the watchdog's.
struct TaskRuntime {
    pthread_t thread{}; // the host thread that runs the task
    // Nesting depth of run_guarded: > 0 while the task runs module code.
    std::atomic<int> guarded_depth{0};
    // Bumped on every entry into module code and every point where the task
    // could schedule (sleeps, might_sleep outside atomic context); a task in
    // module code whose count stands still is not scheduling.
    std::atomic<uint64_t> schedule_count{0};
    // Set by the watchdog before it signals the task: the seconds it has
    // been stuck, for the report the task then makes of itself.
    std::atomic<unsigned> lockup_seconds{0};
    // > 0 while the task sleeps (schedule(), msleep, a lock wait): a
    // sleeping task is off the CPU, so however long it sleeps it is not a
    // soft lockup.
    std::atomic<int> sleeping{0};
    // A task ksim runs beside the shell (kthread, kworker, ksoftirqd). Under
    // the virtual clock its sleeps take host time instead of moving virtual
    // time at once: a polling kthread would otherwise race it ahead.
    bool background = false;
};

// Marks the calling task asleep for the scope's life (see
// TaskRuntime::sleeping); leaving it counts as scheduling.
class SleepingScope {
  public:
    explicit SleepingScope(TaskRuntime& runtime) : m_runtime(runtime) { ++m_runtime.sleeping; }
    ~SleepingScope() {
        --m_runtime.sleeping;
        m_runtime.schedule_count.fetch_add(1, std::memory_order_relaxed);
    }
    SleepingScope(const SleepingScope&) = delete;
    SleepingScope& operator=(const SleepingScope&) = delete;

  private:
    TaskRuntime& m_runtime;
};

class TaskTable {
  public:
    explicit TaskTable(Kernel& kernel);
    ~TaskTable();

    // The task of the calling thread, created on first use with the
    // thread's default comm.
    task_struct& current();

    // Makes the calling thread's task look like process `comm` with a new
    // pid, as when a shell starts insmod. Returns the pid.
    int start_process(const std::string& comm);

    // Whether some task is process `pid` now (a pid given up by
    // start_process() is gone for good).
    bool alive(int pid);
    // kernel/sched/core.c __schedule() for the calling task: returns at once
    // when its state is TASK_RUNNING or an interruptible sleep has a signal
    // pending; otherwise blocks until woken or until `timeout` passes.
    // Returns the time left (zero when it timed out). The state is
    // TASK_RUNNING on return.
    std::chrono::nanoseconds schedule(std::optional<std::chrono::nanoseconds> timeout);

    // try_to_wake_up(): wakes `task` if its state is in `state_mask`.
    bool wake(task_struct& task, unsigned state_mask);

    // signal_pending(): a signal was sent to the task, the host process its
    // request runs for was interrupted, or the kernel is shutting down.
    bool signal_pending(task_struct& task);
    // A signal for `task` (send_sig(), or a FUSE interrupt): wakes it from
    // an interruptible sleep.
    void send_signal(task_struct& task);
    // A new system call begins for the calling task: forget the last one's
    // signal and install how to learn of an interrupt for this one (the
    // FUSE request's fuse_interrupted()); `interrupted` may be empty.
    void begin_request(std::function<bool()> interrupted);
    // While on, every task's interruptible sleep ends, now and until it is
    // turned off (the FUSE mount goes away while requests sleep in module
    // code).
    void set_all_interrupted(bool on);

    // The calling thread's TaskRuntime (its task is made if needed).
    TaskRuntime& current_runtime();
    // Calls fn for every task, under the table's lock.
    void for_each(const std::function<void(task_struct&, TaskRuntime&)>& fn);

  private:
    struct Record;
    Record& record_of(task_struct& task);

    Kernel& m_kernel;
    std::mutex m_lock;
    int m_next_pid = 100;
    std::vector<std::unique_ptr<Record>> m_tasks;
    std::atomic<bool> m_all_interrupted{false};
};

} // namespace ksim
