// Workqueues and their workers; see workqueues.h.
#include "kernel/workqueues.h"

#include "check/guarded_call.h"
#include "kernel/kernel.h"
#include "kernel/softirq.h"
#include "kernel/task.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cstring>

extern "C" void delayed_work_timer_fn(struct timer_list* t);

namespace ksim {

namespace {

// The queues system_wq, system_highpri_wq, system_long_wq and
// system_unbound_wq point at (kernel/workqueue.c workqueue_init_early()).
workqueue_struct s_system_tags[4] = {
    {"events"}, {"events_highpri"}, {"events_long"}, {"events_unbound"}};

constexpr int max_workers = 4;

void set_pending_bit(work_struct* work, bool on) {
    std::atomic_ref<int64_t> data(work->data.counter);
    if (on)
        data.fetch_or(1);
    else
        data.fetch_and(~int64_t{1});
}

// The frame a work function's stack trace shows above it, named as Linux's
// (kernel/workqueue.c); not inlined so that it is a frame at all.
[[gnu::noinline]] void process_one_work(work_func_t fn, work_struct* work) {
    fn(work);
    asm volatile("" ::: "memory"); // no tail call: keep this frame
}

} // namespace

struct Workqueues::Queue {
    std::unique_ptr<workqueue_struct> own_tag; // null for the system queues
    std::string name;
    unsigned flags = 0;
    int max_workers = 1;
    uint64_t site = 0; // the module's alloc_workqueue() call
    std::deque<work_struct*> items;
    std::multiset<uint64_t> outstanding; // generations queued, not yet done
    int idle = 0;
    int live = 0;
    bool stopping = false;
    std::vector<std::thread> threads;
    std::vector<std::thread::id> worker_ids;
};

struct Workqueues::WorkState {
    Queue* queue = nullptr;
    bool pending = false;
    bool delayed = false; // pending on its timer, not yet on the queue
    timer_list* timer = nullptr;
    int running = 0;
    std::thread::id runner{};
    uint64_t queued_gen = 0;
    uint64_t running_gen = 0;
    uint64_t done_gen = 0;
    uint64_t site = 0;
    work_func_t func = nullptr;
};

workqueue_struct* Workqueues::system_tag(int which) {
    return &s_system_tags[which];
}

Workqueues::Workqueues(Kernel& kernel) : m_kernel(kernel) {}

Workqueues::~Workqueues() {
    shutdown();
}

void Workqueues::shutdown() {
    std::unique_lock guard(m_lock);
    m_stopping = true;
    // Collected first: stopping one drops the lock.
    std::vector<Queue*> queues;
    for (auto& [key, q] : m_queues)
        queues.push_back(q.get());
    for (Queue* q : queues)
        stop_queue(guard, *q);
}

Workqueues::Queue* Workqueues::queue_of_locked(workqueue_struct* wq) {
    auto found = m_queues.find(wq);
    if (found != m_queues.end())
        return found->second.get();
    for (int i = 0; i < 4; ++i) {
        if (wq != &s_system_tags[i])
            continue;
        auto q = std::make_unique<Queue>();
        q->name = s_system_tags[i].name;
        q->flags = i == 3 ? wq_unbound : 0;
        q->max_workers = max_workers;
        return m_queues.emplace(wq, std::move(q)).first->second.get();
    }
    return nullptr;
}

workqueue_struct* Workqueues::create(const std::string& name, unsigned flags, int max_active,
                                     uint64_t call_site) {
    auto q = std::make_unique<Queue>();
    q->own_tag = std::make_unique<workqueue_struct>();
    std::strncpy(q->own_tag->name, name.c_str(), sizeof(q->own_tag->name) - 1);
    q->name = name;
    q->flags = flags;
    q->max_workers = (flags & wq_ordered) || max_active == 1 ? 1 : max_workers;
    q->site = call_site;
    workqueue_struct* key = q->own_tag.get();
    std::lock_guard guard(m_lock);
    m_queues.emplace(key, std::move(q));
    return key;
}

void Workqueues::spawn_locked(Queue& q) {
    if (q.idle > 0 || q.live >= q.max_workers || q.stopping || m_stopping)
        return;
    int id = m_next_worker++;
    ++q.live;
    q.threads.emplace_back([this, qp = &q, id] { worker_thread(qp, id); });
    q.worker_ids.push_back(q.threads.back().get_id());
}

bool Workqueues::enqueue_locked(Queue& q, work_struct* work) {
    WorkState& st = m_work[work];
    st.queue = &q;
    st.queued_gen = ++m_generation;
    st.func = work->func;
    q.items.push_back(work);
    q.outstanding.insert(st.queued_gen);
    spawn_locked(q);
    m_changed.notify_all();
    return true;
}

bool Workqueues::queue(workqueue_struct* wq, work_struct* work, uint64_t call_site) {
    std::lock_guard guard(m_lock);
    Queue* q = queue_of_locked(wq);
    if (q == nullptr || q->stopping)
        return false;
    WorkState& st = m_work[work];
    if (st.pending)
        return false;
    st.pending = true;
    st.site = call_site;
    set_pending_bit(work, true);
    return enqueue_locked(*q, work);
}

bool Workqueues::queue_delayed(workqueue_struct* wq, delayed_work* dwork, unsigned long delay,
                               uint64_t call_site, bool modify) {
    work_struct* work = &dwork->work;
    std::lock_guard guard(m_lock);
    Queue* q = queue_of_locked(wq);
    if (q == nullptr || q->stopping)
        return false;
    WorkState& st = m_work[work];
    bool was = st.pending;
    if (was && !modify)
        return false;
    if (was) {
        // mod_delayed_work(): take it off its timer or its queue first.
        if (st.delayed)
            m_kernel.softirq().del_timer(&dwork->timer);
        else if (st.queue != nullptr) {
            std::erase(st.queue->items, work);
            auto gen = st.queue->outstanding.find(st.queued_gen);
            if (gen != st.queue->outstanding.end())
                st.queue->outstanding.erase(gen);
        }
    }
    st.pending = true;
    st.site = call_site;
    st.func = work->func;
    st.timer = &dwork->timer;
    set_pending_bit(work, true);
    dwork->wq = wq;
    if (delay == 0) {
        st.delayed = false;
        enqueue_locked(*q, work);
    } else {
        st.delayed = true;
        st.queue = q;
        dwork->timer.function = delayed_work_timer_fn;
        m_kernel.softirq().mod_timer(&dwork->timer, m_kernel.softirq().jiffies() + delay);
    }
    return modify ? was : true;
}

void Workqueues::delay_expired(delayed_work* dwork) {
    std::lock_guard guard(m_lock);
    auto found = m_work.find(&dwork->work);
    if (found == m_work.end() || !found->second.pending || !found->second.delayed ||
        found->second.queue == nullptr)
        return;
    found->second.delayed = false;
    enqueue_locked(*found->second.queue, &dwork->work);
}

void Workqueues::wait_idle_locked(std::unique_lock<std::mutex>& guard, work_struct* work) {
    m_changed.wait(guard, [&] {
        auto found = m_work.find(work);
        return found == m_work.end() || found->second.running == 0 ||
               found->second.runner == std::this_thread::get_id();
    });
}

bool Workqueues::cancel(work_struct* work, bool sync, timer_list* timer) {
    std::unique_lock guard(m_lock);
    auto found = m_work.find(work);
    if (found == m_work.end())
        return false;
    WorkState& st = found->second;
    bool was = st.pending;
    if (st.pending) {
        if (st.delayed && timer != nullptr)
            m_kernel.softirq().del_timer(timer);
        else if (st.queue != nullptr) {
            std::erase(st.queue->items, work);
            auto gen = st.queue->outstanding.find(st.queued_gen);
            if (gen != st.queue->outstanding.end())
                st.queue->outstanding.erase(gen);
        }
        st.pending = false;
        st.delayed = false;
        set_pending_bit(work, false);
    }
    if (sync)
        wait_idle_locked(guard, work);
    found = m_work.find(work);
    if (found != m_work.end() && !found->second.pending && found->second.running == 0)
        m_work.erase(found);
    m_changed.notify_all();
    return was;
}

bool Workqueues::flush(work_struct* work) {
    std::unique_lock guard(m_lock);
    return flush_locked(guard, work);
}

bool Workqueues::flush_locked(std::unique_lock<std::mutex>& guard, work_struct* work) {
    auto found = m_work.find(work);
    if (found == m_work.end())
        return false;
    WorkState& st = found->second;
    uint64_t target;
    if (st.pending && !st.delayed)
        target = st.queued_gen;
    else if (st.running > 0 && st.runner != std::this_thread::get_id())
        target = st.running_gen;
    else
        return false;
    m_changed.wait(guard, [&] {
        auto it = m_work.find(work);
        return it == m_work.end() || it->second.done_gen >= target;
    });
    return true;
}

bool Workqueues::flush_delayed(delayed_work* dwork) {
    std::unique_lock guard(m_lock);
    auto found = m_work.find(&dwork->work);
    // flush_delayed_work(): a delay still running is cut short.
    if (found != m_work.end() && found->second.pending && found->second.delayed &&
        m_kernel.softirq().del_timer(&dwork->timer)) {
        found->second.delayed = false;
        enqueue_locked(*found->second.queue, &dwork->work);
    }
    return flush_locked(guard, &dwork->work);
}

void Workqueues::flush_queue(workqueue_struct* wq) {
    std::unique_lock guard(m_lock);
    Queue* q = queue_of_locked(wq);
    if (q == nullptr)
        return;
    // From one of the queue's own workers the wait could never end.
    if (std::find(q->worker_ids.begin(), q->worker_ids.end(), std::this_thread::get_id()) !=
        q->worker_ids.end())
        return;
    uint64_t target = m_generation;
    m_changed.wait(guard,
                   [&] { return q->outstanding.empty() || *q->outstanding.begin() > target; });
}

void Workqueues::stop_queue(std::unique_lock<std::mutex>& guard, Queue& q) {
    q.stopping = true;
    q.items.clear();
    q.outstanding.clear();
    // Delayed work aimed at this queue has nowhere to go any more.
    for (auto& [work, st] : m_work) {
        if (st.queue != &q)
            continue;
        if (st.delayed && st.timer != nullptr)
            m_kernel.softirq().del_timer(st.timer);
        st.pending = false;
        st.delayed = false;
        st.queue = nullptr;
    }
    m_changed.notify_all();
    std::vector<std::thread> threads = std::move(q.threads);
    guard.unlock();
    for (auto& t : threads) {
        if (!t.joinable())
            continue;
        // destroy_workqueue() from one of its own work items (Linux waits
        // for ever): that worker ends when its work returns.
        if (t.get_id() == std::this_thread::get_id())
            t.detach();
        else
            t.join();
    }
    guard.lock();
}

void Workqueues::destroy(workqueue_struct* wq) {
    flush_queue(wq);
    std::unique_lock guard(m_lock);
    auto found = m_queues.find(wq);
    if (found == m_queues.end() || found->second->own_tag == nullptr)
        return;
    Queue& q = *found->second;
    stop_queue(guard, q);
    m_queues.erase(wq);
}

void Workqueues::worker_thread(Queue* q, int id) {
    m_kernel.tasks().start_process(
        fmt::format("kworker/{}:{}", (q->flags & wq_unbound) ? "u2" : "0", id));
    m_kernel.tasks().current_runtime().background = true;
    std::unique_lock guard(m_lock);
    for (;;) {
        ++q->idle;
        m_changed.wait(guard, [&] { return q->stopping || !q->items.empty(); });
        --q->idle;
        if (q->stopping)
            break;
        work_struct* work = q->items.front();
        q->items.pop_front();
        WorkState& st = m_work[work];
        st.pending = false;
        set_pending_bit(work, false);
        st.running++;
        st.runner = std::this_thread::get_id();
        uint64_t gen = st.queued_gen;
        st.running_gen = gen;
        work_func_t fn = st.func;
        guard.unlock();
        // The function may free or requeue `work`: only its address is
        // used from here on.
        GuardedCallResult result = run_guarded(m_kernel, [&] { process_one_work(fn, work); });
        guard.lock();
        auto found = m_work.find(work);
        if (found != m_work.end()) {
            WorkState& done = found->second;
            done.running--;
            done.runner = {};
            done.done_gen = std::max(done.done_gen, gen);
            if (!done.pending && done.running == 0)
                m_work.erase(found);
        }
        auto g = q->outstanding.find(gen);
        if (g != q->outstanding.end())
            q->outstanding.erase(g);
        m_changed.notify_all();
        // An Oops killed this worker's task: the pool makes a new one when
        // work is queued again.
        if (!result.completed)
            break;
    }
    --q->live;
    std::erase(q->worker_ids, std::this_thread::get_id());
    if (!q->items.empty())
        spawn_locked(*q);
}

std::vector<LeftoverWork> Workqueues::take_module_work(const std::function<bool(uint64_t)>& owned) {
    std::vector<LeftoverWork> out;
    std::vector<std::pair<work_struct*, timer_list*>> to_cancel;
    {
        std::lock_guard guard(m_lock);
        for (auto& [work, st] : m_work) {
            if (!owned(reinterpret_cast<uint64_t>(st.func)))
                continue;
            LeftoverWork w;
            w.what = st.timer != nullptr ? "delayed work" : "work";
            if (st.pending && st.delayed)
                w.state = "still armed (its delay has not passed)";
            else if (st.pending)
                w.state = "still queued";
            else if (st.running > 0)
                w.state = "still running";
            else
                continue;
            w.function = reinterpret_cast<uint64_t>(st.func);
            w.site = st.site;
            w.name = st.queue != nullptr ? st.queue->name : "";
            out.push_back(w);
            to_cancel.push_back({const_cast<work_struct*>(work), st.timer});
        }
    }
    for (auto& [work, timer] : to_cancel)
        cancel(work, true, timer);
    std::vector<workqueue_struct*> queues;
    {
        std::lock_guard guard(m_lock);
        for (auto& [key, q] : m_queues) {
            if (q->own_tag == nullptr || !owned(q->site))
                continue;
            LeftoverWork w;
            w.what = "workqueue";
            w.state = "not destroyed";
            w.site = q->site;
            w.name = q->name;
            out.push_back(w);
            queues.push_back(const_cast<workqueue_struct*>(key));
        }
    }
    for (workqueue_struct* wq : queues)
        destroy(wq);
    return out;
}

} // namespace ksim
