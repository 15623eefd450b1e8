#pragma once
// Kernel threads (kernel/kthread.c): each kthread is a host thread with a
// task of its own (comm from the name format). kthread_create() returns it
// asleep (TASK_UNINTERRUPTIBLE); the first wake_up_process() lets it run
// its function, through run_guarded(). kthread_stop() sets should-stop,
// wakes it and waits for the function's return value, as Linux does; a
// thread stopped before it ever ran returns -EINTR without running.
//
// Lock: m_lock is a leaf, never held while a thread function runs.

#include "support/abi.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace ksim {

class Kernel;

// What the rmmod check learns of a kthread the module left running.
struct LeftoverKthread {
    std::string comm;
    uint64_t function = 0;
    uint64_t site = 0;
    bool started = false; // woken at least once
    bool stopped = false; // ksim's kthread_stop() ended it
};

class Kthreads {
  public:
    explicit Kthreads(Kernel& kernel);
    ~Kthreads();
    Kthreads(const Kthreads&) = delete;
    Kthreads& operator=(const Kthreads&) = delete;

    // Kernel shutdown: stops every kthread (2 s patience each).
    void shutdown();

    // kthread_create_on_node(): the new, sleeping task.
    task_struct* create(int (*fn)(void*), void* data, const std::string& comm, uint64_t site);
    // kthread_stop(): its function's return value; -EINTR if it never ran.
    int stop(task_struct* task);
    // kthread_should_stop() for the calling task.
    bool should_stop();
    // Whether `task` is a kthread ksim started.
    bool is_kthread(const task_struct* task);

    // For the rmmod check: stops the threads whose function `owned` says is
    // the module's and that have not returned (waits up to `patience`).
    std::vector<LeftoverKthread> take_module_threads(const std::function<bool(uint64_t)>& owned,
                                                     std::chrono::milliseconds patience);

  private:
    struct Thread;
    void kthread(Thread* t);
    // Sets should-stop, wakes the thread, waits for its end (up to
    // `patience`); whether it ended. Joins it then.
    bool stop_locked(std::unique_lock<std::mutex>& guard, Thread& t,
                     std::chrono::milliseconds patience);

    Kernel& m_kernel;
    std::mutex m_lock;
    std::condition_variable m_changed;
    std::unordered_map<const task_struct*, std::unique_ptr<Thread>> m_threads;
};

} // namespace ksim
