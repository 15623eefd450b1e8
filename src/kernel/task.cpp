// Tasks and `current` (include/linux/sched.h, kernel/pid.c).
#include "kernel/task.h"

#include <cstring>
#include <thread>
#include <unordered_map>

namespace ksim {

namespace {
// Which task the calling thread is running; owned by the TaskTable.
thread_local task_struct* t_current = nullptr;
} // namespace

TaskTable::TaskTable(Kernel& kernel) : m_kernel(kernel) {}
TaskTable::~TaskTable() { t_current = nullptr; }

task_struct& TaskTable::current() {
    if (t_current == nullptr) {
        std::lock_guard guard(m_lock);
        auto task = std::make_unique<task_struct>();
        std::memset(task.get(), 0, sizeof(task_struct));
        task->pid = task->tgid = m_next_pid++;
        std::strncpy(task->comm, "ksim", TASK_COMM_LEN - 1);
        t_current = task.get();
        m_tasks.push_back(std::move(task));
    }
    return *t_current;
}

int TaskTable::start_process(const std::string& comm) {
    task_struct& task = current();
    std::lock_guard guard(m_lock);
    task.pid = task.tgid = m_next_pid++;
    std::memset(task.comm, 0, TASK_COMM_LEN);
    std::strncpy(task.comm, comm.c_str(), TASK_COMM_LEN - 1);
    return task.pid;
}

bool TaskTable::alive(int pid) {
    std::lock_guard guard(m_lock);
    for (const auto& task : m_tasks)
        if (task->pid == pid)
            return true;
    return false;
}

} // namespace ksim
