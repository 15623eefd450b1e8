// Workqueues and kthreads through their exported functions on a kernel:
// pending semantics, flushing, cancelling, ordered queues, delayed work,
// and kthread_stop()'s return values.
#include "kernel/kernel.h"
#include "kernel/kthreads.h"
#include "kernel/workqueues.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <thread>
#include <vector>

extern "C" {
extern struct workqueue_struct* system_wq;
struct workqueue_struct* alloc_workqueue(const char* fmt, unsigned int flags, int max_active, ...);
void destroy_workqueue(struct workqueue_struct* wq);
bool queue_work_on(int cpu, struct workqueue_struct* wq, struct work_struct* work);
bool queue_delayed_work_on(int cpu, struct workqueue_struct* wq, struct delayed_work* work,
                           unsigned long delay);
bool mod_delayed_work_on(int cpu, struct workqueue_struct* wq, struct delayed_work* dwork,
                         unsigned long delay);
void __flush_workqueue(struct workqueue_struct* wq);
bool flush_work(struct work_struct* work);
bool cancel_work_sync(struct work_struct* work);
bool cancel_delayed_work_sync(struct delayed_work* dwork);
bool flush_delayed_work(struct delayed_work* dwork);
void init_timer_key(struct timer_list* timer, void (*func)(struct timer_list*), unsigned int flags,
                    const char* name, struct lock_class_key* key);
void delayed_work_timer_fn(struct timer_list* t);
struct task_struct* kthread_create_on_node(int (*threadfn)(void* data), void* data, int node,
                                           const char namefmt[], ...);
int kthread_stop(struct task_struct* k);
bool kthread_should_stop(void);
int wake_up_process(struct task_struct* p);
struct task_struct* get_current(void);
}

namespace {

std::atomic<int> g_runs{0};
std::vector<int> g_order;
std::atomic<bool> g_release{false};

struct Item {
    work_struct work{};
    int n = 0;
};

void count_run(work_struct*) {
    ++g_runs;
}

void record_order(work_struct* w) {
    auto* item = reinterpret_cast<Item*>(w);
    g_order.push_back(item->n);
}

void wait_release(work_struct*) {
    while (!g_release)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ++g_runs;
}

TEST(Workqueues, PendingFlushAndCancel) {
    ksim::Kernel kernel;
    g_runs = 0;
    g_release = false;
    work_struct w{};
    w.func = wait_release;
    EXPECT_TRUE(queue_work_on(0, system_wq, &w));
    work_struct other{};
    other.func = count_run;
    EXPECT_TRUE(queue_work_on(0, system_wq, &other));
    g_release = true;
    flush_work(&w);
    EXPECT_GE(g_runs, 1);
    __flush_workqueue(system_wq);
    EXPECT_GE(g_runs, 2);
    // Nothing pending: cancel says so, flush has nothing to wait for.
    EXPECT_FALSE(cancel_work_sync(&other));
    EXPECT_FALSE(flush_work(&other));
}

TEST(Workqueues, OrderedQueueRunsInOrder) {
    ksim::Kernel kernel;
    g_order.clear();
    workqueue_struct* wq = alloc_workqueue("%s", (1u << 1) | (1u << 17), 1, "ordered");
    ASSERT_NE(wq, nullptr);
    std::vector<Item> items(5);
    for (int i = 0; i < 5; ++i) {
        items[i].n = i;
        items[i].work.func = record_order;
        EXPECT_TRUE(queue_work_on(0, wq, &items[i].work));
    }
    __flush_workqueue(wq);
    EXPECT_EQ(g_order, (std::vector<int>{0, 1, 2, 3, 4}));
    destroy_workqueue(wq);
}

TEST(Workqueues, DelayedWorkCancelModifyFlush) {
    ksim::Kernel kernel;
    g_runs = 0;
    delayed_work d{};
    d.work.func = count_run;
    init_timer_key(&d.timer, delayed_work_timer_fn, 0, nullptr, nullptr);
    EXPECT_TRUE(queue_delayed_work_on(0, system_wq, &d, 10000));
    EXPECT_FALSE(queue_delayed_work_on(0, system_wq, &d, 1));
    EXPECT_EQ(d.work.data.counter & 1, 1); // work_pending()
    EXPECT_TRUE(cancel_delayed_work_sync(&d));
    EXPECT_EQ(d.work.data.counter & 1, 0);
    EXPECT_FALSE(mod_delayed_work_on(0, system_wq, &d, 10000));
    EXPECT_TRUE(mod_delayed_work_on(0, system_wq, &d, 10000));
    // flush_delayed_work() cuts the delay short and waits.
    EXPECT_TRUE(flush_delayed_work(&d));
    EXPECT_EQ(g_runs, 1);
}

int loop_until_stop(void* data) {
    auto* count = static_cast<std::atomic<int>*>(data);
    while (!kthread_should_stop()) {
        ++*count;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return 42;
}

TEST(Kthreads, StopReturnsTheResultOrEintr) {
    ksim::Kernel kernel;
    std::atomic<int> count{0};
    task_struct* t = kthread_create_on_node(loop_until_stop, &count, -1, "loop/%d", 5);
    ASSERT_NE(t, nullptr);
    EXPECT_STREQ(t->comm, "loop/5");
    EXPECT_TRUE(kernel.kthreads().is_kthread(t));
    wake_up_process(t);
    while (count == 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    EXPECT_EQ(kthread_stop(t), 42);
    std::atomic<int> never{0};
    task_struct* idle = kthread_create_on_node(loop_until_stop, &never, -1, "idle");
    EXPECT_EQ(kthread_stop(idle), -EINTR);
    EXPECT_EQ(never, 0);
}

std::atomic<int> g_self_stop{1};

int stop_self(void*) {
    g_self_stop = kthread_stop(get_current());
    return 0;
}

TEST(Kthreads, StoppingItselfIsAFindingNotAHang) {
    ksim::Kernel kernel;
    task_struct* t = kthread_create_on_node(stop_self, nullptr, -1, "selfstop");
    wake_up_process(t);
    for (int i = 0; i < 1000 && g_self_stop == 1; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    EXPECT_EQ(g_self_stop, -EDEADLK);
    EXPECT_EQ(kthread_stop(t), 0);
    auto findings = kernel.findings().all();
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].kind, "kthread-stop-self");
}

workqueue_struct* g_own_queue = nullptr;
std::atomic<bool> g_destroyed{false};

void destroy_own_queue(work_struct*) {
    destroy_workqueue(g_own_queue);
    g_destroyed = true;
}

TEST(Workqueues, DestroyFromItsOwnWorkDoesNotCrash) {
    ksim::Kernel kernel;
    g_own_queue = alloc_workqueue("own", 0, 1);
    work_struct w{};
    w.func = destroy_own_queue;
    EXPECT_TRUE(queue_work_on(0, g_own_queue, &w));
    for (int i = 0; i < 1000 && !g_destroyed; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    EXPECT_TRUE(g_destroyed);
}

} // namespace
