// Wait queues, schedule(), signals and completions on host threads: a
// sleeper really blocks until a waker runs, exclusive wake-ups wake one
// waiter, a signal ends an interruptible sleep with -ERESTARTSYS, timeouts
// expire; and a poll registration is called back by a wake-up.
#include "api/wait_queue.h"
#include "kernel/kernel.h"
#include "kernel/task.h"
#include "vfs/poll_table.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

extern "C" {
void __init_waitqueue_head(struct wait_queue_head* wq_head, const char* name, void* key);
void init_wait_entry(struct wait_queue_entry* wq_entry, int flags);
long prepare_to_wait_event(struct wait_queue_head* wq_head, struct wait_queue_entry* wq_entry,
                           int state);
void finish_wait(struct wait_queue_head* wq_head, struct wait_queue_entry* wq_entry);
int send_sig(int sig, struct task_struct* p, int priv);
struct task_struct* get_current(void);
void complete(struct completion* x);
void complete_all(struct completion* x);
void wait_for_completion(struct completion* x);
unsigned long wait_for_completion_timeout(struct completion* x, unsigned long timeout);
int wait_for_completion_interruptible(struct completion* x);
bool try_wait_for_completion(struct completion* x);
}

namespace {

using namespace std::chrono_literals;
constexpr int task_interruptible = 1;
constexpr int task_uninterruptible = 2;
constexpr unsigned task_normal = 3;

// wait_event() as the header's macro expands it: returns the prepare
// result that ended the wait (0, or -ERESTARTSYS).
long wait_until(wait_queue_head* wq, std::atomic<bool>& cond, int state, bool exclusive = false) {
    wait_queue_entry entry{};
    init_wait_entry(&entry, exclusive ? WQ_FLAG_EXCLUSIVE : 0);
    for (;;) {
        long r = prepare_to_wait_event(wq, &entry, state);
        if (cond.load())
            break;
        if (r != 0)
            return r;
        schedule();
    }
    finish_wait(wq, &entry);
    return 0;
}

void init_head(wait_queue_head* wq) {
    __init_waitqueue_head(wq, "wq", nullptr);
}

void init_completion_here(completion* x) {
    x->done = 0;
    init_head(&x->wait);
}

TEST(ApiWait, SleeperBlocksUntilWoken) {
    ksim::Kernel kernel;
    wait_queue_head wq;
    init_head(&wq);
    std::atomic<bool> cond{false}, returned{false};
    std::thread sleeper([&] {
        EXPECT_EQ(wait_until(&wq, cond, task_interruptible), 0);
        returned = true;
    });
    std::this_thread::sleep_for(50ms);
    EXPECT_FALSE(returned.load()); // really asleep
    // A wake-up without the condition: the sleeper goes back to sleep.
    __wake_up(&wq, task_normal, 1, nullptr);
    std::this_thread::sleep_for(30ms);
    EXPECT_FALSE(returned.load());
    cond = true;
    __wake_up(&wq, task_normal, 1, nullptr);
    sleeper.join();
    EXPECT_TRUE(returned.load());
    EXPECT_TRUE(ksim::api::list_is_empty(&wq.head)); // entry removed
}

TEST(ApiWait, ExclusiveWakeUpWakesOne) {
    ksim::Kernel kernel;
    wait_queue_head wq;
    init_head(&wq);
    std::atomic<bool> cond{false};
    std::atomic<int> done{0};
    auto waiter = [&] {
        wait_queue_entry entry{};
        init_wait_entry(&entry, WQ_FLAG_EXCLUSIVE);
        prepare_to_wait_event(&wq, &entry, task_uninterruptible);
        if (!cond.load())
            schedule();
        finish_wait(&wq, &entry);
        ++done;
    };
    std::thread a(waiter), b(waiter);
    std::this_thread::sleep_for(50ms);
    __wake_up(&wq, task_normal, 1, nullptr);
    std::this_thread::sleep_for(50ms);
    EXPECT_EQ(done.load(), 1);
    cond = true;
    __wake_up(&wq, task_normal, 0, nullptr); // wake_up_all()
    a.join();
    b.join();
    EXPECT_EQ(done.load(), 2);
}

TEST(ApiWait, SignalEndsAnInterruptibleSleep) {
    ksim::Kernel kernel;
    wait_queue_head wq;
    init_head(&wq);
    std::atomic<bool> cond{false};
    std::atomic<task_struct*> task{nullptr};
    std::atomic<long> result{1};
    std::thread sleeper([&] {
        task = get_current();
        result = wait_until(&wq, cond, task_interruptible);
    });
    while (task.load() == nullptr)
        std::this_thread::yield();
    std::this_thread::sleep_for(30ms);
    send_sig(2, task.load(), 0);
    sleeper.join();
    EXPECT_EQ(result.load(), -ERESTARTSYS);
    EXPECT_TRUE(ksim::api::list_is_empty(&wq.head));
}

TEST(ApiWait, ScheduleTimeoutExpiresOrReturnsTheRest) {
    ksim::Kernel kernel;
    auto start = std::chrono::steady_clock::now();
    get_current()->__state = task_uninterruptible;
    EXPECT_EQ(schedule_timeout(5), 0); // 5 jiffies of 4 ms
    EXPECT_GE(std::chrono::steady_clock::now() - start, 19ms);
    EXPECT_EQ(get_current()->__state, 0u);

    std::atomic<task_struct*> task{nullptr};
    std::atomic<long> left{-1};
    std::thread sleeper([&] {
        task = get_current();
        get_current()->__state = task_interruptible;
        left = schedule_timeout(2500); // 10 s
    });
    while (task.load() == nullptr)
        std::this_thread::yield();
    std::this_thread::sleep_for(30ms);
    kernel.tasks().wake(*task.load(), task_normal);
    sleeper.join();
    EXPECT_GT(left.load(), 2000);
}

TEST(ApiWait, Completions) {
    ksim::Kernel kernel;
    completion x;
    init_completion_here(&x);
    EXPECT_EQ(wait_for_completion_timeout(&x, 2), 0u);
    complete(&x);
    EXPECT_TRUE(try_wait_for_completion(&x));
    EXPECT_FALSE(try_wait_for_completion(&x));

    std::atomic<bool> woke{false};
    std::thread waiter([&] {
        wait_for_completion(&x);
        woke = true;
    });
    std::this_thread::sleep_for(50ms);
    EXPECT_FALSE(woke.load());
    complete(&x);
    waiter.join();
    EXPECT_TRUE(woke.load());

    complete_all(&x); // every later wait passes
    wait_for_completion(&x);
    EXPECT_EQ(wait_for_completion_interruptible(&x), 0);
    EXPECT_GT(wait_for_completion_timeout(&x, 1), 0u);
    x.done = 0; // reinit_completion()
    EXPECT_FALSE(try_wait_for_completion(&x));
}

TEST(ApiWait, PollRegistrationIsCalledBackOnWakeUp) {
    ksim::Kernel kernel;
    wait_queue_head a, b;
    init_head(&a);
    init_head(&b);
    std::atomic<int> notified{0};
    ksim::vfs::PollRegistration reg;
    unsigned mask = reg.poll_with([&] { ++notified; },
                                  [&](poll_table_struct* pt) {
                                      pt->_qproc(nullptr, &a, pt); // poll_wait(file, &a, pt)
                                      pt->_qproc(nullptr, &b, pt);
                                      return 0x1u;
                                  });
    EXPECT_EQ(mask, 0x1u);
    EXPECT_EQ(reg.registered(), 2u);
    __wake_up(&b, task_normal, 1, nullptr);
    EXPECT_EQ(notified.load(), 1);
    __wake_up(&a, task_normal, 1, nullptr);
    EXPECT_EQ(notified.load(), 2);
    // A poll that does not wait replaces nothing; clearing leaves the queues.
    reg.clear();
    EXPECT_TRUE(ksim::api::list_is_empty(&a.head));
    EXPECT_TRUE(ksim::api::list_is_empty(&b.head));
    __wake_up(&a, task_normal, 1, nullptr);
    EXPECT_EQ(notified.load(), 2);
}

} // namespace
