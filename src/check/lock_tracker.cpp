// Held locks per task; see lock_tracker.h.
#include "check/lock_tracker.h"

#include <algorithm>

namespace ksim {

LockTracker::TaskLocks* LockTracker::locks_of_locked(const task_struct& task) {
    auto it = m_tasks.find(&task);
    if (it == m_tasks.end())
        return nullptr;
    if (it->second.pid != task.pid) {
        // The thread's task became another process (TaskTable::start_process).
        m_tasks.erase(it);
        return nullptr;
    }
    return &it->second;
}

const LockTracker::TaskLocks* LockTracker::locks_of_locked(const task_struct& task) const {
    auto it = m_tasks.find(&task);
    if (it == m_tasks.end() || it->second.pid != task.pid)
        return nullptr;
    return &it->second;
}

void LockTracker::acquired(const task_struct& task, HeldLock lock) {
    std::lock_guard guard(m_lock);
    TaskLocks* locks = locks_of_locked(task);
    if (locks == nullptr) {
        locks = &m_tasks[&task];
        locks->pid = task.pid;
    }
    locks->locks.push_back(std::move(lock));
}

std::optional<HeldLock> LockTracker::holding(const task_struct& task, const void* instance) const {
    std::lock_guard guard(m_lock);
    const TaskLocks* locks = locks_of_locked(task);
    if (locks == nullptr)
        return std::nullopt;
    for (const HeldLock& held : locks->locks)
        if (held.instance == instance)
            return held;
    return std::nullopt;
}

bool LockTracker::released(const task_struct& task, const void* instance) {
    std::lock_guard guard(m_lock);
    TaskLocks* locks = locks_of_locked(task);
    if (locks == nullptr)
        return false;
    auto& v = locks->locks;
    auto it = std::find_if(v.rbegin(), v.rend(),
                           [&](const HeldLock& held) { return held.instance == instance; });
    if (it == v.rend())
        return false;
    v.erase(std::next(it).base());
    return true;
}

bool LockTracker::downgraded(const task_struct& task, const void* instance) {
    std::lock_guard guard(m_lock);
    TaskLocks* locks = locks_of_locked(task);
    if (locks == nullptr)
        return false;
    for (HeldLock& held : locks->locks)
        if (held.instance == instance && !held.read) {
            held.read = true;
            return true;
        }
    return false;
}

std::vector<HeldLock> LockTracker::held(const task_struct& task) const {
    std::lock_guard guard(m_lock);
    const TaskLocks* locks = locks_of_locked(task);
    return locks == nullptr ? std::vector<HeldLock>{} : locks->locks;
}

void LockTracker::mark_reported(const task_struct& task) {
    std::lock_guard guard(m_lock);
    m_left[task.pid] = task.comm;
    if (TaskLocks* locks = locks_of_locked(task))
        for (HeldLock& held : locks->locks)
            held.reported = true;
}

void LockTracker::forget(const task_struct& task) {
    std::lock_guard guard(m_lock);
    m_tasks.erase(&task);
}

void LockTracker::task_died(const task_struct& task) {
    std::lock_guard guard(m_lock);
    m_tasks.erase(&task);
    m_dead[task.pid] = task.comm;
}

std::string LockTracker::dead_task(int pid) const {
    std::lock_guard guard(m_lock);
    auto it = m_dead.find(pid);
    return it == m_dead.end() ? std::string{} : it->second;
}

std::string LockTracker::left_holding(int pid) const {
    std::lock_guard guard(m_lock);
    auto it = m_left.find(pid);
    return it == m_left.end() ? std::string{} : it->second;
}

} // namespace ksim
