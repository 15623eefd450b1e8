#pragma once
// Workqueues (kernel/workqueue.c): work items queued on a workqueue run in
// process context on the queue's worker tasks ("kworker/0:N", or
// "kworker/uN:M" for unbound queues), each host threads that may sleep.
// Each call of a work function goes through run_guarded(): an Oops kills
// the worker (ksim starts another when work is queued again) and the work
// counts as done, so flushes end. Ordered and max_active == 1 queues have
// one worker; others up to four, made as work waits and no worker is idle.
//
// Delayed work arms the delayed_work's own timer (Softirq); its callback,
// delayed_work_timer_fn(), queues the work.
//
// Lock: m_lock is a leaf, never held while a work function runs.

#include "support/abi.h"

#include "../../include/ksim/deferred_abi.h"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

// What modules hold a pointer to: ksim's record of a workqueue is found by
// its address (Workqueues::m_queues).
struct workqueue_struct {
    char name[24];
};

namespace ksim {

class Kernel;

// include/linux/workqueue.h flags.
constexpr unsigned wq_unbound = 1u << 1;
constexpr unsigned wq_ordered = 1u << 17;

// What the rmmod check learns of work or a workqueue the module left.
struct LeftoverWork {
    std::string what;      // "work", "delayed work", "workqueue"
    std::string state;     // "still queued", "still running", "still armed", ...
    uint64_t function = 0; // the work function (0 for a workqueue)
    uint64_t site = 0;     // where the module queued it / allocated the queue
    std::string name;      // workqueue name
};

class Workqueues {
  public:
    explicit Workqueues(Kernel& kernel);
    ~Workqueues();
    Workqueues(const Workqueues&) = delete;
    Workqueues& operator=(const Workqueues&) = delete;

    // Kernel shutdown: ends every worker; queued work is dropped.
    void shutdown();

    // alloc_workqueue(): a new queue, or nullptr when out of memory.
    workqueue_struct* create(const std::string& name, unsigned flags, int max_active,
                             uint64_t call_site);
    // destroy_workqueue(): drains the queue, ends its workers.
    void destroy(workqueue_struct* wq);

    // queue_work_on(): false when the work was already pending.
    bool queue(workqueue_struct* wq, work_struct* work, uint64_t call_site);
    // queue_delayed_work_on() and mod_delayed_work_on().
    bool queue_delayed(workqueue_struct* wq, delayed_work* dwork, unsigned long delay,
                       uint64_t call_site, bool modify);
    // delayed_work_timer_fn(): the delay has passed.
    void delay_expired(delayed_work* dwork);
    // cancel_work(_sync), cancel_delayed_work(_sync): whether it was pending.
    bool cancel(work_struct* work, bool sync, timer_list* timer);
    // flush_work(): waits for the last queueing of `work` to have run.
    // Returns whether there was anything to wait for.
    bool flush(work_struct* work);
    bool flush_delayed(delayed_work* dwork);
    // __flush_workqueue(): waits for everything queued on `wq` so far.
    void flush_queue(workqueue_struct* wq);

    // For the rmmod check: cancels and waits for the work whose function
    // `owned` says is the module's, and destroys the queues the module made.
    std::vector<LeftoverWork> take_module_work(const std::function<bool(uint64_t)>& owned);

    // The exported system_wq and friends name these; they are the kernel's
    // own queues.
    static workqueue_struct* system_tag(int which);

  private:
    struct Queue;
    struct WorkState;
    Queue* queue_of_locked(workqueue_struct* wq);
    bool enqueue_locked(Queue& q, work_struct* work);
    void worker_thread(Queue* q, int id);
    void spawn_locked(Queue& q);
    void stop_queue(std::unique_lock<std::mutex>& guard, Queue& q);
    bool flush_locked(std::unique_lock<std::mutex>& guard, work_struct* work);
    void wait_idle_locked(std::unique_lock<std::mutex>& guard, work_struct* work);

    Kernel& m_kernel;
    std::mutex m_lock;
    std::condition_variable m_changed; // work queued, ran, or a queue stops
    std::unordered_map<const workqueue_struct*, std::unique_ptr<Queue>> m_queues;
    std::unordered_map<const work_struct*, WorkState> m_work;
    uint64_t m_generation = 0;
    int m_next_worker = 1;
    bool m_stopping = false;
};

} // namespace ksim
