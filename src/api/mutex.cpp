// Mutexes as modules call them (kernel/locking/mutex.c). The owner word
// holds the owner's pid; waiters sleep on it (a futex) until mutex_unlock()
// clears it. mutex_lock() may sleep and is checked for it; every lock and
// unlock goes through lockdep's checks (check/lockdep_report.h), and a
// waiter for a mutex whose owner died is reported and ended
// (check/hung_task.h) instead of waiting forever.
#include "api/export.h"
#include "api/lock_call.h"
#include "api/lock_wait.h"
#include "check/context.h"
#include "check/hung_task.h"
#include "kernel/kernel.h"
#include "kernel/task.h"

#include <atomic>
#include <chrono>

// include/linux/mutex.h
struct mutex {
    volatile unsigned long owner;
    const char* name;
};

namespace {

using ksim::LockKind;
using ksim::LockOp;

std::atomic_ref<unsigned long> owner_of(struct mutex* lock) {
    return std::atomic_ref<unsigned long>(const_cast<unsigned long&>(lock->owner));
}

unsigned long current_pid() {
    return static_cast<unsigned long>(ksim::Kernel::active().tasks().current().pid);
}

void mutex_lock_op(struct mutex* lock, const LockOp& op) {
    ksim::Kernel& kernel = ksim::Kernel::active();
    // Linux: might_sleep() in __mutex_lock_common().
    ksim::check_might_sleep(kernel, "kernel/locking/mutex.c", 580, op.frame);
    if (ksim::check_recursive_locking(kernel, op)) {
        ksim::kill_deadlocked_task();
        return;
    }
    auto owner = owner_of(lock);
    unsigned long me = current_pid();
    for (;;) {
        unsigned long seen = 0;
        if (owner.compare_exchange_weak(seen, me, std::memory_order_acquire))
            break;
        if (seen == 0)
            continue;
        if (ksim::end_waiter_if_owner_died(kernel, seen, op))
            return;
        // Sleeps until mutex_unlock() changes it (or looks again later).
        ksim::lock_word_wait(&lock->owner, static_cast<uint32_t>(seen),
                             std::chrono::milliseconds(100));
    }
    ksim::note_lock_acquired(kernel, op, false);
}

} // namespace

#define MUTEX_CALL(lock) KSIM_LOCK_CALL((lock), (lock)->name, LockKind::Mutex, false)

extern "C" {

void __mutex_init(struct mutex* lock, const char* name, void*) {
    lock->owner = 0;
    lock->name = name;
}

void mutex_lock(struct mutex* lock) {
    mutex_lock_op(lock, MUTEX_CALL(lock));
}

// No signals reach ksim's tasks, so the interruptible forms never fail.
int mutex_lock_interruptible(struct mutex* lock) {
    mutex_lock_op(lock, MUTEX_CALL(lock));
    return 0;
}

int mutex_lock_killable(struct mutex* lock) {
    mutex_lock_op(lock, MUTEX_CALL(lock));
    return 0;
}

// mutex_lock() accounted as waiting for I/O.
void mutex_lock_io(struct mutex* lock) {
    mutex_lock_op(lock, MUTEX_CALL(lock));
}

int mutex_trylock(struct mutex* lock) {
    unsigned long expected = 0;
    if (!owner_of(lock).compare_exchange_strong(expected, current_pid(), std::memory_order_acquire))
        return 0;
    ksim::note_lock_acquired(ksim::Kernel::active(), MUTEX_CALL(lock), true);
    return 1;
}

void mutex_unlock(struct mutex* lock) {
    // An unlock by a task that does not hold it is reported; the mutex is
    // still released, as Linux's mutex_unlock() does.
    (void)ksim::note_lock_released(ksim::Kernel::active(), MUTEX_CALL(lock));
    if (owner_of(lock).exchange(0, std::memory_order_release) != 0)
        ksim::lock_word_wake(&lock->owner);
}

bool mutex_is_locked(struct mutex* lock) {
    return lock->owner != 0;
}

// Decrements `cnt`; when that reaches 0, returns 1 with the mutex held.
int atomic_dec_and_mutex_lock(int* cnt, struct mutex* lock) {
    std::atomic_ref<int> count(*cnt);
    // The fast path: not the last reference.
    for (int n = count.load(); n != 1;)
        if (count.compare_exchange_weak(n, n - 1))
            return 0;
    mutex_lock_op(lock, MUTEX_CALL(lock));
    if (count.fetch_sub(1) != 1) {
        mutex_unlock(lock);
        return 0;
    }
    return 1;
}

} // extern "C"

EXPORT_SYMBOL_KSIM(__mutex_init)
EXPORT_SYMBOL_KSIM(mutex_lock)
EXPORT_SYMBOL_KSIM(mutex_lock_interruptible)
EXPORT_SYMBOL_KSIM(mutex_lock_killable)
EXPORT_SYMBOL_GPL_KSIM(mutex_lock_io)
EXPORT_SYMBOL_KSIM(mutex_trylock)
EXPORT_SYMBOL_KSIM(mutex_unlock)
EXPORT_SYMBOL_KSIM(mutex_is_locked)
EXPORT_SYMBOL_KSIM(atomic_dec_and_mutex_lock)
