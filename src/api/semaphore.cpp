// Counting semaphores as modules call them (kernel/locking/semaphore.c).
// The count is a host atomic; a task that finds it zero sleeps on it (a
// futex wait) until up() raises it, so producers and consumers in several
// tasks really block and wake. down() and its forms may sleep and are
// checked for it; lockdep does not track semaphores (no owner), so neither
// does ksim.
#include "api/export.h"
#include "api/lock_wait.h"
#include "check/context.h"
#include "kernel/kernel.h"
#include "kernel/task.h"

#include "../../include/linux/spinlock_types.h"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <thread>

// include/linux/semaphore.h, without the list_head type.
struct semaphore {
    raw_spinlock_t lock;
    unsigned int count;
    void* wait_list[2];
};

namespace {

constexpr long kHz = 250; // CONFIG_HZ of Debian's 6.1

std::atomic_ref<unsigned int> count_of(struct semaphore* sem) {
    return std::atomic_ref<unsigned int>(sem->count);
}

bool try_down(struct semaphore* sem) {
    auto count = count_of(sem);
    unsigned int n = count.load();
    while (n > 0)
        if (count.compare_exchange_weak(n, n - 1, std::memory_order_acquire))
            return true;
    return false;
}

// might_sleep() at the top of each sleeping form. The line numbers are
// close to 6.1's semaphore.c but not checked against it (Debian's kernel
// has no CONFIG_DEBUG_ATOMIC_SLEEP to print them).
// `frame` is the exported function's, where the call trace starts.
void sleep_check(int line, void* frame) {
    ksim::check_might_sleep(ksim::Kernel::active(), "kernel/locking/semaphore.c", line,
                            reinterpret_cast<uint64_t>(frame));
}

void wait_down(struct semaphore* sem) {
    while (!try_down(sem))
        ksim::lock_word_wait(&sem->count, 0, std::chrono::milliseconds(100));
}

} // namespace

extern "C" {

void down(struct semaphore* sem) {
    sleep_check(58, __builtin_frame_address(0));
    wait_down(sem);
}

// No signals reach ksim's tasks: the interruptible forms always get it.
int down_interruptible(struct semaphore* sem) {
    sleep_check(83, __builtin_frame_address(0));
    wait_down(sem);
    return 0;
}

int down_killable(struct semaphore* sem) {
    sleep_check(110, __builtin_frame_address(0));
    wait_down(sem);
    return 0;
}

// 0 when taken, 1 when not (the inverse of mutex_trylock).
int down_trylock(struct semaphore* sem) {
    return try_down(sem) ? 0 : 1;
}

// -ETIME when nobody up()s within `jiffies`.
int down_timeout(struct semaphore* sem, long jiffies) {
    sleep_check(168, __builtin_frame_address(0));
    ksim::Kernel& kernel = ksim::Kernel::active();
    if (try_down(sem))
        return 0;
    if (kernel.clock().is_virtual() && !kernel.tasks().current_runtime().background) {
        // Nothing runs "meanwhile" on the virtual clock: the time passes.
        kernel.clock().advance(uint64_t(jiffies > 0 ? jiffies : 0) * (1000000000 / kHz));
        return try_down(sem) ? 0 : -ETIME;
    }
    auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(jiffies * 1000 / kHz);
    while (std::chrono::steady_clock::now() < deadline) {
        if (try_down(sem))
            return 0;
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    return try_down(sem) ? 0 : -ETIME;
}

// Any task, any context, even one that never called down().
void up(struct semaphore* sem) {
    count_of(sem).fetch_add(1, std::memory_order_release);
    ksim::lock_word_wake(&sem->count);
}

} // extern "C"

EXPORT_SYMBOL_KSIM(down)
EXPORT_SYMBOL_KSIM(down_interruptible)
EXPORT_SYMBOL_KSIM(down_killable)
EXPORT_SYMBOL_KSIM(down_trylock)
EXPORT_SYMBOL_KSIM(down_timeout)
EXPORT_SYMBOL_KSIM(up)
