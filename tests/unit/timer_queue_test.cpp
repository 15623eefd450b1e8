// The pending-timer queue (kernel/timer_queue.h) and the timer API on a
// kernel's softirq thread: expiry order, re-arming, deleting, the
// return values Linux gives, and callbacks in softirq context.
#include "kernel/kernel.h"
#include "kernel/softirq.h"
#include "kernel/timer_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

extern "C" {
int mod_timer(struct timer_list* timer, unsigned long expires);
int del_timer(struct timer_list* timer);
int del_timer_sync(struct timer_list* timer);
int try_to_del_timer_sync(struct timer_list* timer);
void init_timer_key(struct timer_list* timer, void (*func)(struct timer_list*), unsigned int flags,
                    const char* name, struct lock_class_key* key);
unsigned long __msecs_to_jiffies(const unsigned int m);
unsigned int jiffies_to_msecs(const unsigned long j);
unsigned long __usecs_to_jiffies(const unsigned int u);
int preempt_count(void);
extern unsigned long jiffies;
}

namespace {

TEST(TimerQueue, TakesInExpiryThenArmingOrder) {
    ksim::TimerQueue<int> q;
    EXPECT_FALSE(q.arm(1, 30));
    EXPECT_FALSE(q.arm(2, 10));
    EXPECT_FALSE(q.arm(3, 10));
    EXPECT_EQ(q.next_expiry(), 10u);
    EXPECT_FALSE(q.take_expired(9).has_value());
    EXPECT_EQ(q.take_expired(10), 2);
    EXPECT_EQ(q.take_expired(10), 3);
    EXPECT_FALSE(q.take_expired(29).has_value());
    EXPECT_EQ(q.take_expired(100), 1);
    EXPECT_EQ(q.size(), 0u);
    EXPECT_FALSE(q.next_expiry().has_value());
}

TEST(TimerQueue, RearmMovesAndCancelReportsPending) {
    ksim::TimerQueue<int> q;
    q.arm(1, 10);
    q.arm(2, 20);
    EXPECT_TRUE(q.arm(1, 30)); // was pending: mod_timer() returns 1
    EXPECT_EQ(q.expires_of(1), 30u);
    EXPECT_EQ(q.take_expired(25), 2);
    EXPECT_TRUE(q.cancel(1));
    EXPECT_FALSE(q.cancel(1));
    EXPECT_FALSE(q.pending(1));
    EXPECT_FALSE(q.take_expired(1000).has_value());
}

TEST(Jiffies, ConversionsAtHz250) {
    EXPECT_EQ(__msecs_to_jiffies(0), 0u);
    EXPECT_EQ(__msecs_to_jiffies(1), 1u); // rounds up to a whole tick
    EXPECT_EQ(__msecs_to_jiffies(4), 1u);
    EXPECT_EQ(__msecs_to_jiffies(5), 2u);
    EXPECT_EQ(__msecs_to_jiffies(1000), 250u);
    EXPECT_EQ(jiffies_to_msecs(250), 1000u);
    EXPECT_EQ(__usecs_to_jiffies(4001), 2u);
}

std::atomic<int> g_fired{0};
std::atomic<int> g_count_in_callback{-1};

void count_fire(struct timer_list*) {
    g_count_in_callback = preempt_count();
    ++g_fired;
}

TEST(Timers, FireInSoftirqContextAndDelete) {
    ksim::Kernel kernel;
    g_fired = 0;
    timer_list t{};
    init_timer_key(&t, count_fire, 0, nullptr, nullptr);
    unsigned long now = kernel.softirq().jiffies();
    EXPECT_GE(now, ksim::initial_jiffies);
    EXPECT_EQ(mod_timer(&t, now + 2), 0);
    EXPECT_NE(t.entry.pprev, nullptr); // timer_pending()
    EXPECT_EQ(mod_timer(&t, now + 2), 1);
    for (int i = 0; i < 1000 && g_fired == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    EXPECT_EQ(g_fired, 1);
    EXPECT_EQ(g_count_in_callback, 0x100); // SOFTIRQ_OFFSET
    EXPECT_EQ(t.entry.pprev, nullptr);
    EXPECT_GE(jiffies, now + 2);
    // Armed far away, then deleted: never fires.
    mod_timer(&t, kernel.softirq().jiffies() + 1000);
    EXPECT_EQ(try_to_del_timer_sync(&t), 1);
    EXPECT_EQ(del_timer(&t), 0);
    mod_timer(&t, kernel.softirq().jiffies() + 1000);
    EXPECT_EQ(del_timer_sync(&t), 1);
    EXPECT_EQ(g_fired, 1);
}

} // namespace
