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
        auto runtime = std::make_unique<TaskRuntime>();
        runtime->thread = pthread_self();
        task->ksim_private = runtime.get();
        t_current = task.get();
        m_tasks.push_back(std::move(task));
        m_runtimes.push_back(std::move(runtime));
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

TaskRuntime& TaskTable::current_runtime() {
    return *static_cast<TaskRuntime*>(current().ksim_private);
}

void TaskTable::for_each(const std::function<void(task_struct&, TaskRuntime&)>& fn) {
    std::lock_guard guard(m_lock);
    for (size_t i = 0; i < m_tasks.size(); ++i)
        fn(*m_tasks[i], *m_runtimes[i]);
}

} // namespace ksim
