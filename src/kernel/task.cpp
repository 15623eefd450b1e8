// Tasks, `current` and sleeping (include/linux/sched.h, kernel/pid.c,
// kernel/sched/core.c); see task.h.
#include "kernel/task.h"

#include <cstring>
#include <thread>
#include <unordered_map>

namespace ksim {

// The C++ side of one task: its task_struct, what it sleeps on, and what
// the soft-lockup watchdog reads of it.
struct TaskTable::Record {
    task_struct task{};
    TaskRuntime runtime;
    std::mutex sleep_lock;
    std::condition_variable wakeup;
    bool signal = false;               // under sleep_lock
    std::function<bool()> interrupted; // only touched by the task's own thread
};

namespace {
// Which task the calling thread is running; owned by the TaskTable.
thread_local task_struct* t_current = nullptr;

std::atomic_ref<unsigned> state_of(task_struct& task) {
    return std::atomic_ref<unsigned>(task.__state);
}

constexpr unsigned task_running = 0;
constexpr unsigned task_interruptible = 0x1;
constexpr unsigned task_wakekill = 0x100;
// How often a sleeping task looks for an interrupt of its FUSE request,
// which libfuse only records (fuse_interrupted()) instead of notifying.
constexpr auto interrupt_poll = std::chrono::milliseconds(10);
} // namespace

TaskTable::TaskTable(Kernel& kernel) : m_kernel(kernel) {}
TaskTable::~TaskTable() {
    t_current = nullptr;
}

task_struct& TaskTable::current() {
    if (t_current == nullptr) {
        std::lock_guard guard(m_lock);
        auto record = std::make_unique<Record>();
        task_struct& task = record->task;
        std::memset(&task, 0, sizeof(task_struct));
        task.pid = task.tgid = m_next_pid++;
        std::strncpy(task.comm, "ksim", TASK_COMM_LEN - 1);
        record->runtime.thread = pthread_self();
        task.ksim_private = record.get();
        t_current = &task;
        m_tasks.push_back(std::move(record));
    }
    return *t_current;
}

TaskTable::Record& TaskTable::record_of(task_struct& task) {
    return *static_cast<Record*>(task.ksim_private);
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
        if (task->task.pid == pid)
            return true;
    return false;
}

bool TaskTable::signal_pending(task_struct& task) {
    if (m_all_interrupted.load())
        return true;
    Record& r = record_of(task);
    {
        std::lock_guard guard(r.sleep_lock);
        if (r.signal)
            return true;
    }
    // Only the task itself may ask its FUSE request.
    if (&task == t_current && r.interrupted && r.interrupted()) {
        std::lock_guard guard(r.sleep_lock);
        r.signal = true;
        return true;
    }
    return false;
}

void TaskTable::send_signal(task_struct& task) {
    Record& r = record_of(task);
    std::lock_guard guard(r.sleep_lock);
    r.signal = true;
    if (state_of(task).load() & (task_interruptible | task_wakekill)) {
        state_of(task).store(task_running);
        r.wakeup.notify_all();
    }
}

void TaskTable::begin_request(std::function<bool()> interrupted) {
    Record& r = record_of(current());
    std::lock_guard guard(r.sleep_lock);
    r.signal = false;
    r.interrupted = std::move(interrupted);
}

void TaskTable::set_all_interrupted(bool on) {
    m_all_interrupted.store(on);
    if (!on)
        return;
    std::lock_guard guard(m_lock);
    for (auto& r : m_tasks) {
        std::lock_guard sleep_guard(r->sleep_lock);
        if (state_of(r->task).load() & (task_interruptible | task_wakekill)) {
            state_of(r->task).store(task_running);
            r->wakeup.notify_all();
        }
    }
}

bool TaskTable::wake(task_struct& task, unsigned state_mask) {
    Record& r = record_of(task);
    std::lock_guard guard(r.sleep_lock);
    if (!(state_of(task).load() & state_mask))
        return false;
    state_of(task).store(task_running);
    r.wakeup.notify_all();
    return true;
}

std::chrono::nanoseconds TaskTable::schedule(std::optional<std::chrono::nanoseconds> timeout) {
    using clock = std::chrono::steady_clock;
    task_struct& task = current();
    Record& r = record_of(task);
    auto deadline = timeout ? clock::now() + *timeout : clock::time_point::max();
    auto interruptible = [&] { return (state_of(task).load() & task_interruptible) != 0; };
    SleepingScope asleep(r.runtime);
    std::unique_lock guard(r.sleep_lock);
    for (;;) {
        if (state_of(task).load() == task_running)
            break;
        // __schedule(): signal_pending_state() keeps the task runnable.
        if (interruptible() && (r.signal || m_all_interrupted.load()))
            break;
        auto now = clock::now();
        if (now >= deadline)
            break;
        auto until = deadline;
        if (r.interrupted && interruptible())
            until = std::min(deadline, now + interrupt_poll);
        r.wakeup.wait_until(guard, until);
        if (r.interrupted && interruptible() && state_of(task).load() != task_running) {
            guard.unlock();
            bool hit = r.interrupted();
            guard.lock();
            if (hit)
                r.signal = true;
        }
    }
    state_of(task).store(task_running);
    auto now = clock::now();
    if (!timeout)
        return std::chrono::nanoseconds::max();
    return now >= deadline ? std::chrono::nanoseconds(0)
                           : std::chrono::duration_cast<std::chrono::nanoseconds>(deadline - now);
}

TaskRuntime& TaskTable::current_runtime() {
    return record_of(current()).runtime;
}

void TaskTable::for_each(const std::function<void(task_struct&, TaskRuntime&)>& fn) {
    std::lock_guard guard(m_lock);
    for (auto& r : m_tasks)
        fn(r->task, r->runtime);
}

} // namespace ksim
