#pragma once
// Tasks: every host thread that runs kernel or module code is a task with a
// struct task_struct that `current` returns.
#include "support/abi.h"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace ksim {

class Kernel;

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

  private:
    Kernel& m_kernel;
    std::mutex m_lock;
    int m_next_pid = 100;
    std::vector<std::unique_ptr<task_struct>> m_tasks;
};

} // namespace ksim
