// Kernel threads; see kthreads.h.
#include "kernel/kthreads.h"

#include "check/guarded_call.h"
#include "kernel/findings.h"
#include "kernel/kernel.h"
#include "kernel/task.h"

#include <fmt/format.h>

#include <atomic>
#include <cerrno>

namespace ksim {

namespace {
constexpr unsigned task_uninterruptible = 0x2;
constexpr unsigned task_normal = 0x1 | 0x2;
} // namespace

struct Kthreads::Thread {
    int (*fn)(void*) = nullptr;
    void* data = nullptr;
    std::string comm;
    uint64_t site = 0;
    task_struct* task = nullptr; // set by the thread itself
    bool should_stop = false;
    bool started = false; // its function was entered
    bool exited = false;
    int result = 0;
    std::thread host;
};

Kthreads::Kthreads(Kernel& kernel) : m_kernel(kernel) {}

Kthreads::~Kthreads() {
    shutdown();
}

void Kthreads::shutdown() {
    std::unique_lock guard(m_lock);
    std::vector<Thread*> all;
    for (auto& [task, t] : m_threads)
        all.push_back(t.get());
    for (Thread* t : all)
        if (!t->exited)
            stop_locked(guard, *t, std::chrono::milliseconds(2000));
    // A thread that would not stop cannot be joined: let it go.
    for (auto& [task, t] : m_threads) {
        if (!t->host.joinable())
            continue;
        if (t->exited)
            t->host.join();
        else
            t->host.detach();
    }
}

task_struct* Kthreads::create(int (*fn)(void*), void* data, const std::string& comm,
                              uint64_t site) {
    auto owned = std::make_unique<Thread>();
    Thread* t = owned.get();
    t->fn = fn;
    t->data = data;
    t->comm = comm;
    t->site = site;
    std::unique_lock guard(m_lock);
    t->host = std::thread([this, t] { kthread(t); });
    // kthreadd hands the new task back once it exists.
    m_changed.wait(guard, [&] { return t->task != nullptr; });
    task_struct* task = t->task;
    m_threads.emplace(task, std::move(owned));
    return task;
}

void Kthreads::kthread(Thread* t) {
    TaskTable& tasks = m_kernel.tasks();
    tasks.start_process(t->comm);
    tasks.current_runtime().background = true;
    task_struct& self = tasks.current();
    // Asleep until the first wake_up_process(), like a new kthread.
    std::atomic_ref<unsigned>(self.__state).store(task_uninterruptible);
    {
        std::lock_guard guard(m_lock);
        t->task = &self;
    }
    m_changed.notify_all();
    (void)tasks.schedule(std::nullopt);
    int result = -EINTR;
    bool run;
    {
        std::lock_guard guard(m_lock);
        run = !t->should_stop;
        t->started = run;
    }
    if (run) {
        int ret = 0;
        GuardedCallResult call = run_guarded(m_kernel, [&] { ret = t->fn(t->data); });
        // A thread killed by an Oops leaves no result (kthread_stop() sees 0).
        result = call.completed ? ret : 0;
    }
    {
        std::lock_guard guard(m_lock);
        t->result = result;
        t->exited = true;
    }
    m_changed.notify_all();
}

bool Kthreads::stop_locked(std::unique_lock<std::mutex>& guard, Thread& t,
                           std::chrono::milliseconds patience) {
    t.should_stop = true;
    guard.unlock();
    m_kernel.tasks().wake(*t.task, task_normal);
    guard.lock();
    bool ended = m_changed.wait_for(guard, patience, [&] { return t.exited; });
    if (ended && t.host.joinable()) {
        std::thread host = std::move(t.host);
        guard.unlock();
        host.join();
        guard.lock();
    }
    return ended;
}

int Kthreads::stop(task_struct* task) {
    std::unique_lock guard(m_lock);
    auto found = m_threads.find(task);
    if (found == m_threads.end())
        return -EINTR;
    Thread& t = *found->second;
    if (t.task == &m_kernel.tasks().current()) {
        // Linux would wait for ever for itself (a hung task).
        Finding f;
        f.kind = "kthread-stop-self";
        f.summary = fmt::format("kthread_stop() called by kthread {} on itself: on Linux it "
                                "waits for ever; ksim returned -EDEADLK",
                                t.comm);
        m_kernel.findings().add(std::move(f));
        return -EDEADLK;
    }
    // Linux waits for ever for a thread that ignores kthread_should_stop().
    stop_locked(guard, t, std::chrono::hours(24 * 365));
    int result = t.result;
    m_threads.erase(task);
    return result;
}

bool Kthreads::should_stop() {
    const task_struct* self = &m_kernel.tasks().current();
    std::lock_guard guard(m_lock);
    auto found = m_threads.find(self);
    return found != m_threads.end() && found->second->should_stop;
}

bool Kthreads::is_kthread(const task_struct* task) {
    std::lock_guard guard(m_lock);
    return m_threads.count(task) != 0;
}

std::vector<LeftoverKthread>
Kthreads::take_module_threads(const std::function<bool(uint64_t)>& owned,
                              std::chrono::milliseconds patience) {
    std::vector<LeftoverKthread> out;
    std::unique_lock guard(m_lock);
    std::vector<const task_struct*> gone;
    // Collected first: stopping one drops the lock, and others may come.
    std::vector<Thread*> running;
    for (auto& [task, t] : m_threads) {
        if (!owned(reinterpret_cast<uint64_t>(t->fn)))
            continue;
        // Returned on its own: nothing runs the module's code any more.
        if (t->exited)
            gone.push_back(task);
        else
            running.push_back(t.get());
    }
    for (Thread* t : running) {
        LeftoverKthread k;
        k.comm = t->comm;
        k.function = reinterpret_cast<uint64_t>(t->fn);
        k.site = t->site;
        k.started = t->started;
        k.stopped = stop_locked(guard, *t, patience);
        out.push_back(k);
        if (k.stopped)
            gone.push_back(t->task);
    }
    for (const task_struct* task : gone) {
        auto found = m_threads.find(task);
        if (found != m_threads.end() && found->second->host.joinable())
            found->second->host.join();
        m_threads.erase(task);
    }
    return out;
}

} // namespace ksim
