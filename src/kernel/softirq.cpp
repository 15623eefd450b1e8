// The softirq thread: timers, tasklets and the jiffies tick; see softirq.h.
#include "kernel/softirq.h"

#include "check/context.h"
#include "check/guarded_call.h"
#include "check/stack_trace.h"
#include "kernel/findings.h"
#include "kernel/kernel.h"
#include "kernel/task.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

// The exported tick counters (kernel/time/timer.c jiffies_64; on x86-64
// the linker script makes `jiffies` the same word). They are process-wide
// because a module links against one address; the active kernel's softirq
// thread keeps them current.
extern "C" {
uint64_t jiffies_64 = ksim::initial_jiffies;
extern unsigned long jiffies __attribute__((alias("jiffies_64")));
}

namespace ksim {

namespace {

constexpr int softirq_offset = 0x100; // SOFTIRQ_OFFSET
constexpr unsigned tasklet_state_sched = 0;
constexpr unsigned tasklet_state_run = 1;
// Where a pending timer's entry.pprev points (timer_pending() only asks
// whether it is NULL).
hlist_node* pending_mark(timer_list* timer) {
    return &timer->entry;
}

std::atomic_ref<unsigned long> state_word(tasklet_struct* t) {
    return std::atomic_ref<unsigned long>(t->state);
}

int tasklet_count(tasklet_struct* t) {
    return std::atomic_ref<int>(t->count.counter).load();
}

// The frames a callback's stack trace shows above it, named as Linux's
// (kernel/time/timer.c call_timer_fn(), kernel/softirq.c
// tasklet_action_common()); not inlined so that they are frames at all.
[[gnu::noinline]] void call_timer_fn(timer_list* timer, void (*fn)(timer_list*)) {
    fn(timer);
    asm volatile("" ::: "memory"); // no tail call: keep this frame
}

[[gnu::noinline]] void tasklet_action_common(tasklet_struct* t) {
    if (t->use_callback)
        t->callback(t);
    else
        t->func(t->data);
    asm volatile("" ::: "memory");
}

} // namespace

Softirq::Softirq(Kernel& kernel) : m_kernel(kernel) {}

Softirq::~Softirq() {
    stop();
}

void Softirq::ensure_running() {
    if (m_started.load(std::memory_order_acquire))
        return;
    std::lock_guard guard(m_lock);
    if (m_started.load() || m_stop)
        return;
    m_thread = std::thread([this] { run(); });
    m_thread_id.store(m_thread.get_id());
    m_tick = std::thread([this] { tick(); });
    m_started.store(true, std::memory_order_release);
}

void Softirq::stop() {
    {
        std::lock_guard guard(m_lock);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
    if (m_tick.joinable())
        m_tick.join();
}

void Softirq::tick() {
    // The timer interrupt: jiffies move on even while a callback runs on
    // the softirq thread (a callback may poll jiffies).
    std::unique_lock guard(m_lock);
    while (!m_stop) {
        (void)jiffies_locked();
        m_wake.wait_for(guard, std::chrono::nanoseconds(jiffy_ns));
    }
}

unsigned long Softirq::jiffies_locked() {
    unsigned long now = initial_jiffies + m_kernel.clock().peek_ns() / jiffy_ns;
    // Never backwards, whoever stored last.
    std::atomic_ref<uint64_t> stored(jiffies_64);
    if (now > stored.load(std::memory_order_relaxed))
        stored.store(now, std::memory_order_relaxed);
    return stored.load(std::memory_order_relaxed);
}

unsigned long Softirq::jiffies() {
    std::lock_guard guard(m_lock);
    return jiffies_locked();
}

void Softirq::note_setup(timer_list* timer, uint64_t call_site) {
    std::lock_guard guard(m_lock);
    m_setup_sites[timer] = call_site;
}

void Softirq::note_setup(tasklet_struct* t, uint64_t call_site) {
    std::lock_guard guard(m_lock);
    m_setup_sites[t] = call_site;
}

bool Softirq::mod_timer(timer_list* timer, unsigned long expires, bool only_pending) {
    ensure_running();
    bool was;
    {
        std::lock_guard guard(m_lock);
        if (only_pending && !m_timers.pending(timer))
            return false;
        timer->expires = expires;
        timer->entry.pprev = &pending_mark(timer)->next;
        was = m_timers.arm(timer, expires);
        if (m_kernel.clock().is_virtual()) {
            unsigned long now = jiffies_locked();
            auto delay = expires > now ? expires - now : 0;
            m_host_due[timer] =
                std::chrono::steady_clock::now() + std::chrono::nanoseconds(delay * jiffy_ns);
        }
    }
    m_wake.notify_all();
    return was;
}

bool Softirq::del_timer(timer_list* timer) {
    std::lock_guard guard(m_lock);
    timer->entry.pprev = nullptr;
    return m_timers.cancel(timer);
}

int Softirq::try_to_del_timer_sync(timer_list* timer) {
    std::lock_guard guard(m_lock);
    if (m_running == timer)
        return -1;
    timer->entry.pprev = nullptr;
    return m_timers.cancel(timer) ? 1 : 0;
}

void Softirq::wait_not_running(std::unique_lock<std::mutex>& guard, const void* object) {
    // From the callback itself the wait could never end.
    if (on_softirq_thread())
        return;
    m_finished.wait(guard, [&] { return m_running != object; });
}

bool Softirq::del_timer_sync(timer_list* timer) {
    std::unique_lock guard(m_lock);
    bool was = false;
    // The callback may re-arm the timer while we wait: delete until it is
    // neither pending nor running, as del_timer_sync() loops.
    for (;;) {
        timer->entry.pprev = nullptr;
        was = m_timers.cancel(timer) || was;
        if (m_running != timer || on_softirq_thread())
            break;
        wait_not_running(guard, timer);
    }
    return was;
}

bool Softirq::timer_running(const timer_list* timer) {
    std::lock_guard guard(m_lock);
    return m_running == timer;
}

void Softirq::schedule_tasklet(tasklet_struct* t, bool high) {
    ensure_running();
    {
        std::lock_guard guard(m_lock);
        if (high)
            m_tasklets.push_front(t);
        else
            m_tasklets.push_back(t);
    }
    m_wake.notify_all();
}

void Softirq::wait_tasklet(tasklet_struct* t) {
    std::unique_lock guard(m_lock);
    wait_not_running(guard, t);
}

void Softirq::kill_tasklet(tasklet_struct* t) {
    std::unique_lock guard(m_lock);
    for (;;) {
        bool queued = std::find(m_tasklets.begin(), m_tasklets.end(), t) != m_tasklets.end();
        if (queued && tasklet_count(t) != 0) {
            std::erase(m_tasklets, t);
            queued = false;
        }
        if ((!queued && m_running != t) || on_softirq_thread())
            break;
        m_finished.wait(guard);
    }
    std::erase(m_tasklets, t);
    state_word(t).fetch_and(~(1UL << tasklet_state_sched));
}

std::vector<PendingSoftirq>
Softirq::take_timers(const std::function<bool(const timer_list&)>& owned) {
    std::unique_lock guard(m_lock);
    std::vector<PendingSoftirq> out;
    auto site_of = [&](const void* t) {
        auto site = m_setup_sites.find(t);
        return site == m_setup_sites.end() ? uint64_t{0} : site->second;
    };
    auto reported = [&](const void* t) {
        return std::any_of(out.begin(), out.end(),
                           [&](const PendingSoftirq& p) { return p.object == t; });
    };
    // A callback of the module that runs now must be done before its code
    // goes away, and may re-arm its timer meanwhile: until neither is left.
    for (;;) {
        std::vector<timer_list*> hits;
        m_timers.for_each([&](timer_list* t, unsigned long) {
            if (owned(*t))
                hits.push_back(t);
        });
        for (timer_list* t : hits) {
            m_timers.cancel(t);
            t->entry.pprev = nullptr;
            if (!reported(t))
                out.push_back({t, reinterpret_cast<uint64_t>(t->function), site_of(t), false});
        }
        auto* running = static_cast<timer_list*>(const_cast<void*>(m_running));
        if (running == nullptr || !m_running_is_timer || !owned(*running) || on_softirq_thread())
            break;
        if (!reported(running))
            out.push_back(
                {running, reinterpret_cast<uint64_t>(running->function), site_of(running), true});
        wait_not_running(guard, running);
    }
    return out;
}

std::vector<PendingSoftirq> Softirq::take_tasklets(const std::function<bool(uint64_t)>& owned) {
    std::unique_lock guard(m_lock);
    std::vector<PendingSoftirq> out;
    std::erase_if(m_tasklets, [&](tasklet_struct* t) {
        uint64_t fn = t->use_callback ? reinterpret_cast<uint64_t>(t->callback)
                                      : reinterpret_cast<uint64_t>(t->func);
        if (!owned(fn))
            return false;
        auto site = m_setup_sites.find(t);
        out.push_back({t, fn, site == m_setup_sites.end() ? 0 : site->second});
        state_word(t).fetch_and(~(1UL << tasklet_state_sched));
        return true;
    });
    if (m_running != nullptr && !m_running_is_timer) {
        auto* t = static_cast<const tasklet_struct*>(m_running);
        if (owned(t->use_callback ? reinterpret_cast<uint64_t>(t->callback)
                                  : reinterpret_cast<uint64_t>(t->func)))
            wait_not_running(guard, m_running);
    }
    return out;
}

void Softirq::run_guarded_softirq(uint64_t function, const char* what,
                                  const std::function<void()>& body) {
    run_guarded(m_kernel, [&] {
        TaskContext ctx = current_context(m_kernel);
        int before = ctx.preempt_count + softirq_offset;
        ctx.preempt_count = before;
        body();
        // call_timer_fn(): a callback must leave the count as it found it.
        if (ctx.preempt_count != before) {
            std::string line =
                fmt::format("{}: {} preempt leak: {:08x} -> {:08x}", what,
                            locate(m_kernel, function, false).symbol, before, ctx.preempt_count);
            m_kernel.log().emit(4, line);
            Finding f;
            f.kind = "preempt-leak";
            f.summary = line;
            m_kernel.findings().add(std::move(f));
        }
        ctx.preempt_count = before - softirq_offset;
    });
}

void Softirq::run_timer(timer_list* timer) {
    void (*fn)(timer_list*) = timer->function;
    run_guarded_softirq(reinterpret_cast<uint64_t>(fn), "timer", [&] { call_timer_fn(timer, fn); });
}

void Softirq::run_tasklet(tasklet_struct* t) {
    uint64_t fn = t->use_callback ? reinterpret_cast<uint64_t>(t->callback)
                                  : reinterpret_cast<uint64_t>(t->func);
    run_guarded_softirq(fn, "tasklet", [&] { tasklet_action_common(t); });
}

void Softirq::advance_virtual(uint64_t ns) {
    const Clock& clock = m_kernel.clock();
    const uint64_t target = clock.peek_ns() + ns;
    ensure_running();
    std::unique_lock guard(m_lock);
    auto settled = [&] {
        auto next = m_timers.next_expiry();
        bool runnable = std::any_of(m_tasklets.begin(), m_tasklets.end(),
                                    [](tasklet_struct* t) { return tasklet_count(t) == 0; });
        return m_stop || ((!next || *next > jiffies_locked()) && m_running == nullptr && !runnable);
    };
    // What is due already (tasklets scheduled by the last command) runs
    // before time moves.
    m_wake.notify_all();
    m_finished.wait(guard, settled);
    while (!m_stop) {
        auto next = m_timers.next_expiry();
        if (!next)
            break;
        uint64_t due = (*next - initial_jiffies) * jiffy_ns;
        if (due > target)
            break;
        uint64_t now = clock.peek_ns();
        if (due > now)
            clock.advance(due - now);
        m_wake.notify_all();
        m_finished.wait(guard, settled);
    }
    uint64_t now = clock.peek_ns();
    if (target > now)
        clock.advance(target - now);
}

void Softirq::catch_up_virtual_time() {
    std::optional<unsigned long> next = m_timers.next_expiry();
    if (!next)
        return;
    unsigned long now = jiffies_locked();
    if (*next <= now)
        return;
    // The earliest timer's delay has passed in host time: the idle CPU
    // lets virtual time reach its expiry.
    std::optional<timer_list*> first;
    m_timers.for_each([&](timer_list* t, unsigned long) {
        if (!first)
            first = t;
    });
    auto due = m_host_due.find(*first);
    if (due == m_host_due.end() || std::chrono::steady_clock::now() >= due->second)
        m_kernel.clock().advance((*next - now) * jiffy_ns);
}

void Softirq::run() {
    m_kernel.tasks().start_process("ksoftirqd/0");
    m_kernel.tasks().current_runtime().background = true;
    std::unique_lock guard(m_lock);
    while (!m_stop) {
        (void)jiffies_locked(); // the tick
        // Tasklets first (TASKLET_SOFTIRQ/HI_SOFTIRQ come before the next
        // tick's timers); a disabled one waits for the next round.
        std::deque<tasklet_struct*> later;
        while (!m_tasklets.empty() && !m_stop) {
            tasklet_struct* t = m_tasklets.front();
            m_tasklets.pop_front();
            if (tasklet_count(t) != 0 ||
                (state_word(t).fetch_or(1UL << tasklet_state_run) & (1UL << tasklet_state_run))) {
                later.push_back(t);
                continue;
            }
            state_word(t).fetch_and(~(1UL << tasklet_state_sched));
            m_running = t;
            m_running_is_timer = false;
            guard.unlock();
            run_tasklet(t);
            guard.lock();
            state_word(t).fetch_and(~(1UL << tasklet_state_run));
            m_running = nullptr;
            m_finished.notify_all();
        }
        m_tasklets.insert(m_tasklets.end(), later.begin(), later.end());
        // Expired timers, in expiry order.
        bool ran = false;
        while (!m_stop) {
            if (m_kernel.clock().is_virtual())
                catch_up_virtual_time();
            auto timer = m_timers.take_expired(jiffies_locked());
            if (!timer)
                break;
            (*timer)->entry.pprev = nullptr;
            m_host_due.erase(*timer);
            m_running = *timer;
            m_running_is_timer = true;
            guard.unlock();
            run_timer(*timer);
            guard.lock();
            m_running = nullptr;
            m_finished.notify_all();
            ran = true;
        }
        if (ran || m_stop)
            continue;
        // Sleep to the next tick (or until woken by new work).
        m_wake.wait_for(guard, std::chrono::nanoseconds(jiffy_ns));
    }
}

} // namespace ksim
