#pragma once
// Tasks: every host thread that runs kernel or module code is a task with a
// struct task_struct that `current` returns.
#include "support/abi.h"

#include <pthread.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
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

    // The calling thread's TaskRuntime (its task is made if needed).
    TaskRuntime& current_runtime();
    // Calls fn for every task, under the table's lock.
    void for_each(const std::function<void(task_struct&, TaskRuntime&)>& fn);

  private:
    Kernel& m_kernel;
    std::mutex m_lock;
    int m_next_pid = 100;
    std::vector<std::unique_ptr<task_struct>> m_tasks;
    std::vector<std::unique_ptr<TaskRuntime>> m_runtimes; // same order as m_tasks
};

} // namespace ksim
