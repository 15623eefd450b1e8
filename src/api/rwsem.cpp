// Read-write semaphores as modules call them (kernel/locking/rwsem.c). The
// count is a host atomic (readers, or -1 for a writer) that waiters sleep
// on; downs may sleep and are checked for it, and every down and up goes
// through lockdep's checks like a mutex (a reader taking it again is
// reported too: rwsem readers are not recursive in lockdep).
#include "api/export.h"
#include "api/lock_call.h"
#include "api/lock_wait.h"
#include "check/context.h"
#include "check/hung_task.h"
#include "kernel/kernel.h"
#include "kernel/task.h"

#include <atomic>
#include <chrono>

// include/linux/rwsem.h
struct rw_semaphore {
    volatile long count;
    volatile unsigned long owner;
    const char* name;
};

namespace {

using ksim::LockKind;
using ksim::LockOp;

std::atomic_ref<long> count_of(struct rw_semaphore* sem) {
    return std::atomic_ref<long>(const_cast<long&>(sem->count));
}
std::atomic_ref<unsigned long> owner_of(struct rw_semaphore* sem) {
    return std::atomic_ref<unsigned long>(const_cast<unsigned long&>(sem->owner));
}

bool try_read(struct rw_semaphore* sem) {
    auto count = count_of(sem);
    long n = count.load();
    while (n >= 0)
        if (count.compare_exchange_weak(n, n + 1, std::memory_order_acquire))
            return true;
    return false;
}

bool try_write(struct rw_semaphore* sem) {
    long zero = 0;
    if (!count_of(sem).compare_exchange_strong(zero, -1, std::memory_order_acquire))
        return false;
    owner_of(sem).store(static_cast<unsigned long>(ksim::Kernel::active().tasks().current().pid));
    return true;
}

// might_sleep() at `line` of rwsem.c (close to 6.1's, not checked), then
// lockdep, then the wait. A task
// already holding it is reported and ended instead of waiting forever.
void down_op(struct rw_semaphore* sem, const LockOp& op, int line) {
    ksim::Kernel& kernel = ksim::Kernel::active();
    ksim::check_might_sleep(kernel, "kernel/locking/rwsem.c", line, op.frame);
    if (ksim::check_recursive_locking(kernel, op)) {
        ksim::kill_deadlocked_task();
        return;
    }
    for (;;) {
        if (op.read ? try_read(sem) : try_write(sem))
            break;
        long seen = count_of(sem).load();
        if (!((op.read && seen < 0) || (!op.read && seen != 0)))
            continue;
        // A writer that died holding it never lets anyone in again.
        if (seen < 0 && ksim::end_waiter_if_owner_died(kernel, owner_of(sem).load(), op))
            return;
        ksim::lock_word_wait(&sem->count, static_cast<uint32_t>(seen),
                             std::chrono::milliseconds(100));
    }
    ksim::note_lock_acquired(kernel, op, false);
}

void wake_all(struct rw_semaphore* sem) {
    ksim::lock_word_wake(&sem->count);
}

} // namespace

#define RWSEM_CALL(sem, read) KSIM_LOCK_CALL((sem), (sem)->name, LockKind::RwSem, (read))

extern "C" {

void __init_rwsem(struct rw_semaphore* sem, const char* name, void*) {
    sem->count = 0;
    sem->owner = 0;
    sem->name = name;
}

void down_read(struct rw_semaphore* sem) {
    down_op(sem, RWSEM_CALL(sem, true), 1498);
}

// No signals reach ksim's tasks: the interruptible forms always get it.
int down_read_interruptible(struct rw_semaphore* sem) {
    down_op(sem, RWSEM_CALL(sem, true), 1505);
    return 0;
}

int down_read_killable(struct rw_semaphore* sem) {
    down_op(sem, RWSEM_CALL(sem, true), 1519);
    return 0;
}

// 1 when taken, 0 when not (like mutex_trylock, unlike down_trylock).
int down_read_trylock(struct rw_semaphore* sem) {
    if (!try_read(sem))
        return 0;
    ksim::note_lock_acquired(ksim::Kernel::active(), RWSEM_CALL(sem, true), true);
    return 1;
}

void down_write(struct rw_semaphore* sem) {
    down_op(sem, RWSEM_CALL(sem, false), 1550);
}

int down_write_killable(struct rw_semaphore* sem) {
    down_op(sem, RWSEM_CALL(sem, false), 1561);
    return 0;
}

int down_write_trylock(struct rw_semaphore* sem) {
    if (!try_write(sem))
        return 0;
    ksim::note_lock_acquired(ksim::Kernel::active(), RWSEM_CALL(sem, false), true);
    return 1;
}

void up_read(struct rw_semaphore* sem) {
    if (!ksim::note_lock_released(ksim::Kernel::active(), RWSEM_CALL(sem, true)) &&
        count_of(sem).load() <= 0)
        return; // not read-held at all: nothing to release
    if (count_of(sem).fetch_sub(1, std::memory_order_release) == 1)
        wake_all(sem);
}

void up_write(struct rw_semaphore* sem) {
    if (!ksim::note_lock_released(ksim::Kernel::active(), RWSEM_CALL(sem, false)) &&
        count_of(sem).load() >= 0)
        return; // not write-held: nothing to release
    owner_of(sem).store(0);
    count_of(sem).store(0, std::memory_order_release);
    wake_all(sem);
}

// The writer becomes a reader; waiting readers may now come in.
void downgrade_write(struct rw_semaphore* sem) {
    if (!ksim::note_lock_downgraded(ksim::Kernel::active(), RWSEM_CALL(sem, false)) &&
        count_of(sem).load() >= 0)
        return;
    owner_of(sem).store(0);
    count_of(sem).store(1, std::memory_order_release);
    wake_all(sem);
}

} // extern "C"

EXPORT_SYMBOL_KSIM(__init_rwsem)
EXPORT_SYMBOL_KSIM(down_read)
EXPORT_SYMBOL_KSIM(down_read_interruptible)
EXPORT_SYMBOL_KSIM(down_read_killable)
EXPORT_SYMBOL_KSIM(down_read_trylock)
EXPORT_SYMBOL_KSIM(down_write)
EXPORT_SYMBOL_KSIM(down_write_killable)
EXPORT_SYMBOL_KSIM(down_write_trylock)
EXPORT_SYMBOL_KSIM(up_read)
EXPORT_SYMBOL_KSIM(up_write)
EXPORT_SYMBOL_KSIM(downgrade_write)
