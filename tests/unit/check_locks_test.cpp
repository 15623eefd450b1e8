// Lock bookkeeping (check/lock_tracker.h), lockdep's reports
// (check/lockdep_report.h) through the exported lock functions, and real
// concurrency of semaphores, rw-semaphores and mutexes between host threads.
#include "check/guarded_call.h"
#include "check/lock_tracker.h"
#include "kernel/kernel.h"
#include "kernel/task.h"

#include "../../include/linux/spinlock_types.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

// The C structs of include/linux/{mutex,semaphore,rwsem}.h.
struct mutex {
    volatile unsigned long owner;
    const char* name;
};
struct semaphore {
    raw_spinlock_t lock;
    unsigned int count;
    void* wait_list[2];
};
struct rw_semaphore {
    volatile long count;
    volatile unsigned long owner;
    const char* name;
};

extern "C" {
void mutex_lock(struct mutex*);
void mutex_unlock(struct mutex*);
void _raw_spin_lock(raw_spinlock_t*);
void _raw_spin_unlock(raw_spinlock_t*);
void down(struct semaphore*);
int down_trylock(struct semaphore*);
int down_timeout(struct semaphore*, long);
void up(struct semaphore*);
void down_read(struct rw_semaphore*);
void up_read(struct rw_semaphore*);
void down_write(struct rw_semaphore*);
void up_write(struct rw_semaphore*);
void downgrade_write(struct rw_semaphore*);
int down_write_trylock(struct rw_semaphore*);
int preempt_count(void);
unsigned long _find_next_bit(const unsigned long*, unsigned long, unsigned long);
unsigned long _find_next_zero_bit(const unsigned long*, unsigned long, unsigned long);
unsigned long _find_last_bit(const unsigned long*, unsigned long);
unsigned int __bitmap_weight(const unsigned long*, unsigned int);
void __bitmap_set(unsigned long*, unsigned int, int);
void __bitmap_clear(unsigned long*, unsigned int, int);
}

namespace {

int count_logged(ksim::Kernel& k, const std::string& text) {
    int n = 0;
    for (const auto& r : k.log().records())
        if (r.text == text)
            ++n;
    return n;
}

ksim::HeldLock lock_at(const void* instance, const char* name) {
    ksim::HeldLock l;
    l.instance = instance;
    l.name = name;
    return l;
}

TEST(LockTracker, ReleasesTheMostRecentHoldAndRefusesUnheldOnes) {
    ksim::LockTracker tracker;
    task_struct task{};
    task.pid = 7;
    int a = 0, b = 0;
    tracker.acquired(task, lock_at(&a, "a"));
    tracker.acquired(task, lock_at(&b, "b"));
    ASSERT_EQ(tracker.held(task).size(), 2u);
    EXPECT_EQ(tracker.held(task)[0].name, "a");
    EXPECT_TRUE(tracker.holding(task, &b).has_value());
    EXPECT_TRUE(tracker.released(task, &a));
    EXPECT_FALSE(tracker.released(task, &a));
    ASSERT_EQ(tracker.held(task).size(), 1u);
    EXPECT_EQ(tracker.held(task)[0].name, "b");
    EXPECT_FALSE(tracker.holding(task, &a).has_value());
}

TEST(LockTracker, ANewProcessOnTheSameTaskStartsWithNothingHeld) {
    ksim::LockTracker tracker;
    task_struct task{};
    task.pid = 7;
    int a = 0;
    tracker.acquired(task, lock_at(&a, "a"));
    task.pid = 8; // TaskTable::start_process()
    EXPECT_TRUE(tracker.held(task).empty());
    EXPECT_FALSE(tracker.released(task, &a));
}

TEST(LockTracker, DowngradeAndReportedMarks) {
    ksim::LockTracker tracker;
    task_struct task{};
    task.pid = 7;
    int a = 0;
    tracker.acquired(task, lock_at(&a, "a"));
    EXPECT_TRUE(tracker.downgraded(task, &a));
    EXPECT_FALSE(tracker.downgraded(task, &a)); // already a read hold
    EXPECT_TRUE(tracker.held(task)[0].read);
    tracker.mark_reported(task);
    EXPECT_TRUE(tracker.held(task)[0].reported);
    tracker.forget(task);
    EXPECT_TRUE(tracker.held(task).empty());
}

TEST(Lockdep, UnlockOfAnUnheldMutexIsReportedOnce) {
    ksim::Kernel kernel;
    struct mutex m = {0, "m"};
    mutex_unlock(&m);
    EXPECT_EQ(count_logged(kernel, "WARNING: bad unlock balance detected!"), 1);
    EXPECT_EQ(count_logged(kernel, "but there are no more locks to release!"), 1);
    ASSERT_EQ(kernel.findings().count(), 1u);
    EXPECT_EQ(kernel.findings().all()[0].kind, "lockdep");
    // A balanced pair afterwards is quiet.
    mutex_lock(&m);
    mutex_unlock(&m);
    EXPECT_EQ(kernel.findings().count(), 1u);
    EXPECT_FALSE(kernel.taint().has(ksim::TaintFlag::Warn));
}

TEST(Lockdep, SpinUnlockOfAnUnheldLockLeavesThePreemptCountAlone) {
    ksim::Kernel kernel;
    raw_spinlock_t l = {0, 0, "l"};
    _raw_spin_unlock(&l);
    EXPECT_EQ(preempt_count(), 0);
    EXPECT_EQ(count_logged(kernel, "WARNING: bad unlock balance detected!"), 1);
}

TEST(Lockdep, RecursiveMutexKillsTheTaskInsteadOfHanging) {
    ksim::Kernel kernel;
    struct mutex m = {0, "&dev->lock"};
    auto result = ksim::run_guarded(kernel, [&] {
        mutex_lock(&m);
        mutex_lock(&m);
        ADD_FAILURE() << "the second mutex_lock returned";
    });
    EXPECT_FALSE(result.completed);
    EXPECT_EQ(result.exit_signal, SIGKILL);
    EXPECT_EQ(count_logged(kernel, "WARNING: possible recursive locking detected"), 1);
    EXPECT_EQ(count_logged(kernel, "  lock(&dev->lock);"), 2);
    EXPECT_FALSE(kernel.taint().has(ksim::TaintFlag::Die)); // not an Oops
    // The dead task holds nothing any more.
    EXPECT_TRUE(kernel.locks().held(kernel.tasks().current()).empty());
}

TEST(Lockdep, AWaiterForADeadTasksMutexIsEndedInsteadOfHanging) {
    ksim::Kernel kernel;
    struct mutex m = {0, "m"};
    kernel.tasks().start_process("first");
    EXPECT_FALSE(ksim::run_guarded(kernel, [&] {
                     mutex_lock(&m);
                     mutex_lock(&m); // killed here, still holding m
                 }).completed);
    kernel.tasks().start_process("second");
    auto result = ksim::run_guarded(kernel, [&] { mutex_lock(&m); });
    EXPECT_FALSE(result.completed);
    EXPECT_EQ(result.exit_signal, SIGKILL);
    int pid = kernel.tasks().current().pid;
    EXPECT_EQ(count_logged(kernel, "INFO: task second:" + std::to_string(pid) +
                                       " blocked for more than 120 seconds."),
              1);
    ASSERT_EQ(kernel.findings().count(), 2u);
    EXPECT_EQ(kernel.findings().all()[1].kind, "deadlock");
}

TEST(Lockdep, AWaiterForAMutexWhoseOwnerExitedHoldingItIsEnded) {
    ksim::Kernel kernel;
    struct mutex m = {0, "m"};
    int first = kernel.tasks().start_process("insmod");
    EXPECT_TRUE(ksim::run_guarded(kernel, [&] { mutex_lock(&m); }).completed);
    EXPECT_EQ(kernel.locks().left_holding(first), "insmod");
    EXPECT_TRUE(kernel.tasks().alive(first));
    kernel.tasks().start_process("rmmod"); // insmod has exited
    EXPECT_FALSE(kernel.tasks().alive(first));
    auto result = ksim::run_guarded(kernel, [&] { mutex_lock(&m); });
    EXPECT_FALSE(result.completed);
    ASSERT_EQ(kernel.findings().count(), 2u);
    EXPECT_NE(kernel.findings().all()[1].summary.find("which exited holding it"),
              std::string::npos);
}

TEST(Lockdep, HeldAtReturnIsReportedOnceAndTheLaterUnlockIsBalanced) {
    ksim::Kernel kernel;
    struct mutex m = {0, "m"};
    EXPECT_TRUE(ksim::run_guarded(kernel, [&] { mutex_lock(&m); }).completed);
    EXPECT_EQ(count_logged(kernel, "WARNING: lock held when returning to user space!"), 1);
    EXPECT_TRUE(ksim::run_guarded(kernel, [] {}).completed);
    EXPECT_EQ(count_logged(kernel, "WARNING: lock held when returning to user space!"), 1);
    EXPECT_TRUE(ksim::run_guarded(kernel, [&] { mutex_unlock(&m); }).completed);
    EXPECT_EQ(count_logged(kernel, "WARNING: bad unlock balance detected!"), 0);
    EXPECT_EQ(kernel.findings().count(), 1u);
}

TEST(Semaphore, ConsumersSleepUntilProducersUp) {
    ksim::Kernel kernel;
    struct semaphore items {};
    constexpr int kEach = 200;
    std::atomic<int> consumed{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 2; ++i)
        threads.emplace_back([&] {
            for (int n = 0; n < kEach; ++n) {
                down(&items);
                consumed.fetch_add(1);
            }
        });
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(consumed.load(), 0); // nothing to take yet: both are asleep
    for (int i = 0; i < 2; ++i)
        threads.emplace_back([&] {
            for (int n = 0; n < kEach; ++n)
                up(&items);
        });
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(consumed.load(), 2 * kEach);
    EXPECT_EQ(items.count, 0u);
    EXPECT_EQ(down_trylock(&items), 1);
}

TEST(Semaphore, DownTimeoutGivesUpWithETime) {
    ksim::Kernel kernel;
    struct semaphore s {};
    auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(down_timeout(&s, 2), -ETIME);
    EXPECT_GE(std::chrono::steady_clock::now() - start,
              std::chrono::milliseconds(8)); // 2 jiffies at HZ=250
    up(&s);
    EXPECT_EQ(down_timeout(&s, 2), 0);
}

// Several tasks increment a plain counter under each kind of exclusive lock.
template <class Lock, class Unlock> int contended_count(Lock lock, Unlock unlock) {
    constexpr int kThreads = 4, kEach = 5000;
    int counter = 0;
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i)
        threads.emplace_back([&] {
            for (int n = 0; n < kEach; ++n) {
                lock();
                int seen = counter;
                std::atomic_signal_fence(std::memory_order_seq_cst);
                counter = seen + 1;
                unlock();
            }
        });
    for (auto& t : threads)
        t.join();
    return counter;
}

TEST(SleepingLocks, ExcludeEachOtherBetweenTasks) {
    ksim::Kernel kernel;
    struct mutex m = {0, "m"};
    EXPECT_EQ(contended_count([&] { mutex_lock(&m); }, [&] { mutex_unlock(&m); }), 20000);
    struct semaphore s {};
    s.count = 1;
    EXPECT_EQ(contended_count([&] { down(&s); }, [&] { up(&s); }), 20000);
    struct rw_semaphore rw = {0, 0, "rw"};
    EXPECT_EQ(contended_count([&] { down_write(&rw); }, [&] { up_write(&rw); }), 20000);
    EXPECT_EQ(kernel.findings().count(), 0u);
}

TEST(RwSemaphore, ReadersShareAndAWriterWaitsForThem) {
    ksim::Kernel kernel;
    struct rw_semaphore rw = {0, 0, "rw"};
    std::atomic<int> inside{0};
    std::atomic<bool> release{false};
    std::vector<std::thread> readers;
    for (int i = 0; i < 2; ++i)
        readers.emplace_back([&] {
            down_read(&rw);
            inside.fetch_add(1);
            while (!release.load())
                std::this_thread::yield();
            up_read(&rw);
        });
    while (inside.load() < 2) // both readers in at once
        std::this_thread::yield();
    EXPECT_EQ(rw.count, 2);
    EXPECT_EQ(down_write_trylock(&rw), 0);
    std::atomic<bool> wrote{false};
    std::thread writer([&] {
        down_write(&rw);
        wrote = true;
        downgrade_write(&rw);
        up_read(&rw);
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_FALSE(wrote.load());
    release = true;
    for (auto& t : readers)
        t.join();
    writer.join();
    EXPECT_TRUE(wrote.load());
    EXPECT_EQ(rw.count, 0);
    EXPECT_EQ(kernel.findings().count(), 0u);
}

TEST(FindBit, SearchesAcrossWordsAndIgnoresBitsPastTheSize) {
    unsigned long map[3] = {0, 0, 0};
    __bitmap_set(map, 62, 5); // bits 62..66, across a word boundary
    EXPECT_EQ(map[0], 3UL << 62);
    EXPECT_EQ(map[1], 7UL);
    EXPECT_EQ(_find_next_bit(map, 192, 0), 62u);
    EXPECT_EQ(_find_next_bit(map, 192, 64), 64u);
    EXPECT_EQ(_find_next_bit(map, 192, 67), 192u);
    EXPECT_EQ(_find_next_zero_bit(map, 192, 62), 67u);
    EXPECT_EQ(_find_last_bit(map, 192), 66u);
    EXPECT_EQ(__bitmap_weight(map, 192), 5u);
    map[2] = ~0UL;
    EXPECT_EQ(__bitmap_weight(map, 130), 7u); // only bits 128, 129 of the last word
    EXPECT_EQ(_find_next_bit(map, 130, 67), 128u);
    EXPECT_EQ(_find_last_bit(map, 130), 129u);
    __bitmap_clear(map, 63, 3);
    EXPECT_EQ(map[0], 1UL << 62);
    EXPECT_EQ(map[1], 4UL);
    EXPECT_EQ(_find_next_zero_bit(map, 5, 0), 0u);
}

} // namespace
