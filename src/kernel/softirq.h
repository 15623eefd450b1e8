#pragma once
// The timer and tasklet softirqs (kernel/time/timer.c run_timer_softirq(),
// kernel/softirq.c tasklet_action()) and the jiffies tick. One host thread
// per kernel, task "ksoftirqd/0", runs expired timers and scheduled
// tasklets in softirq context (preempt count SOFTIRQ_OFFSET, so
// in_softirq() and in_interrupt() are true and sleeping is reported), each
// through run_guarded(): an Oops in a callback is reported and the thread
// goes on. Linux would panic ("Fatal exception in interrupt"); ksim keeps
// running so that the rest of the run can be checked.
//
// Time: a tick thread refreshes the exported `jiffies` every 4 ms (HZ=250),
// also while a callback runs; the softirq thread wakes every tick to fire
// what has expired. Under the virtual clock, time passes
// when the shell sleeps (advance_virtual(): each timer due within the sleep
// fires at its expiry, in order, before the next command: reproducible) or
// when module code sleeps; a timer whose delay has passed in host time while
// virtual time stood still also fires, the virtual clock moving forward to
// its expiry (so a task waiting for a timer is not stuck for ever), and
// when that happens depends on the host.
//
// Lock: m_lock is a leaf held only for bookkeeping, never while a callback
// runs.

#include "kernel/timer_queue.h"
#include "support/abi.h"

#include "../../include/ksim/deferred_abi.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace ksim {

class Kernel;

// include/linux/jiffies.h INITIAL_JIFFIES: five minutes before the 32-bit
// wrap, so that wrap bugs show early.
constexpr unsigned long initial_jiffies =
    static_cast<unsigned long>(static_cast<unsigned>(-300 * 250));
constexpr uint64_t jiffy_ns = 1000000000 / 250;

// What the rmmod check learns of a pending timer or scheduled tasklet.
struct PendingSoftirq {
    void* object = nullptr;  // the timer_list or tasklet_struct
    uint64_t function = 0;   // its callback
    uint64_t setup_site = 0; // the module's timer_setup()/tasklet_init() call, if known
    bool running = false;    // its callback was running (ksim waited for it)
};

class Softirq {
  public:
    explicit Softirq(Kernel& kernel);
    ~Softirq();
    Softirq(const Softirq&) = delete;
    Softirq& operator=(const Softirq&) = delete;

    // Starts the thread on first use (not in the constructor: a kernel made
    // before fork() must tick in the child).
    void ensure_running();
    // Ends the thread and drops what is pending (kernel shutdown).
    void stop();

    // Virtual clock: lets `ns` of time pass, one timer expiry after the
    // other, each timer due on the way run before time moves on (the
    // shell's sleep), so that timers fire in a reproducible order.
    void advance_virtual(uint64_t ns);

    // The current jiffies; also stores them in the exported variables.
    unsigned long jiffies();

    // Timers (kernel/time/timer.c).
    void note_setup(timer_list* timer, uint64_t call_site);
    // __mod_timer(): arms the timer at `expires`; returns whether it was
    // pending. With `only_pending`, a timer that is not pending stays so.
    bool mod_timer(timer_list* timer, unsigned long expires, bool only_pending = false);
    bool del_timer(timer_list* timer);
    // -1 when the callback runs now, else whether it was pending.
    int try_to_del_timer_sync(timer_list* timer);
    // Deletes and waits for a running callback to return (not when called
    // from that callback: Linux would spin for ever; ksim returns).
    bool del_timer_sync(timer_list* timer);
    // Whether `timer`'s callback is running now.
    bool timer_running(const timer_list* timer);

    // Tasklets (kernel/softirq.c).
    void note_setup(tasklet_struct* t, uint64_t call_site);
    void schedule_tasklet(tasklet_struct* t, bool high);
    // Waits until `t` is neither scheduled nor running; a scheduled but
    // disabled tasklet is dropped (Linux would wait for ever).
    void kill_tasklet(tasklet_struct* t);
    // Waits until `t` is not running.
    void wait_tasklet(tasklet_struct* t);

    // For the rmmod check: removes (and waits for) the pending timers and
    // scheduled tasklets whose callback `owned` says belongs to the module.
    std::vector<PendingSoftirq> take_timers(const std::function<bool(const timer_list&)>& owned);
    std::vector<PendingSoftirq> take_tasklets(const std::function<bool(uint64_t)>& owned);

    // Whether the calling thread is the softirq thread.
    bool on_softirq_thread() const { return std::this_thread::get_id() == m_thread_id.load(); }

  private:
    void run();
    void tick();
    void run_timer(timer_list* timer);
    void run_tasklet(tasklet_struct* t);
    // Calls `body` in softirq context through run_guarded().
    void run_guarded_softirq(uint64_t function, const char* what,
                             const std::function<void()>& body);
    unsigned long jiffies_locked();
    void wait_not_running(std::unique_lock<std::mutex>& guard, const void* object);
    void catch_up_virtual_time();

    Kernel& m_kernel;
    std::mutex m_lock;
    std::condition_variable m_wake;     // the thread: something to do
    std::condition_variable m_finished; // waiters: a callback returned
    bool m_stop = false;
    std::atomic<bool> m_started{false};
    std::atomic<std::thread::id> m_thread_id{};
    std::thread m_thread;
    std::thread m_tick; // keeps jiffies current while m_thread runs a callback
    TimerQueue<timer_list*> m_timers;
    std::unordered_map<const void*, uint64_t> m_setup_sites;
    std::deque<tasklet_struct*> m_tasklets; // high-priority ones at the front
    const void* m_running = nullptr;        // the timer or tasklet running now
    bool m_running_is_timer = false;
    // Virtual clock: when each pending timer is due in host time.
    std::unordered_map<timer_list*, std::chrono::steady_clock::time_point> m_host_due;
};

} // namespace ksim
