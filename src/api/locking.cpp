// Spinlocks, rwlocks, preemption and interrupt state as modules call them
// (kernel/locking/spinlock.c; include/linux/preempt.h; mutexes are in
// mutex.cpp).
// The locks are real (host atomics, so races between tasks are real); taking
// a spinlock makes the task atomic, which the sleep checks then see. Every
// lock and unlock goes through lockdep's checks (check/lockdep_report.h):
// a lock taken twice is reported and its task killed instead of hanging, an
// unlock of a lock the task does not hold is reported and leaves the
// task's preemption state alone.
#include "api/export.h"
#include "api/lock_call.h"
#include "check/context.h"
#include "check/fault_trap.h"
#include "check/hung_task.h"
#include "check/soft_lockup.h"
#include "kernel/kernel.h"
#include "kernel/task.h"

#include "../../include/linux/spinlock_types.h"

#include <atomic>
#include <chrono>
#include <thread>

namespace {

using ksim::LockKind;
using ksim::LockOp;

ksim::TaskContext ctx() {
    return ksim::current_context(ksim::Kernel::active());
}

unsigned int current_pid() {
    return static_cast<unsigned int>(ksim::Kernel::active().tasks().current().pid);
}

template <class T> std::atomic_ref<T> word(volatile T& field) {
    return std::atomic_ref<T>(const_cast<T&>(field));
}

void spin_lock_op(raw_spinlock_t* lock, const LockOp& op) {
    ksim::Kernel& kernel = ksim::Kernel::active();
    if (ksim::check_recursive_locking(kernel, op)) {
        ksim::kill_deadlocked_task();
        return; // not in module code: do not spin forever
    }
    ctx().preempt_count += 1;
    auto w = word(lock->locked);
    unsigned int expected = 0;
    for (unsigned spins = 1; !w.compare_exchange_weak(expected, 1, std::memory_order_acquire);
         ++spins) {
        expected = 0;
        if (spins % 4096 == 0 && ksim::end_waiter_if_owner_died(kernel, lock->owner_pid, op)) {
            ctx().preempt_count -= 1;
            return;
        }
        // A spinning task does not schedule; the watchdog may stop it here.
        ksim::KillableWait spinning;
        std::this_thread::yield();
    }
    lock->owner_pid = current_pid();
    ksim::note_lock_acquired(kernel, op, false);
}

// False when the task did not hold it: the report is made, and neither the
// lock nor the preempt count is touched.
bool spin_unlock_op(raw_spinlock_t* lock, const LockOp& op) {
    if (!ksim::note_lock_released(ksim::Kernel::active(), op))
        return false;
    lock->owner_pid = 0;
    word(lock->locked).store(0, std::memory_order_release);
    ctx().preempt_count -= 1;
    return true;
}

void read_lock_op(rwlock_t* lock, const LockOp& op) {
    ksim::Kernel& kernel = ksim::Kernel::active();
    if (ksim::check_recursive_locking(kernel, op)) {
        ksim::kill_deadlocked_task();
        return;
    }
    ctx().preempt_count += 1;
    auto c = word(lock->count);
    for (unsigned spins = 1;; ++spins) {
        int n = c.load();
        if (n >= 0 && c.compare_exchange_weak(n, n + 1, std::memory_order_acquire))
            break;
        if (spins % 4096 == 0 && ksim::end_waiter_if_owner_died(kernel, lock->owner_pid, op)) {
            ctx().preempt_count -= 1;
            return;
        }
        // A spinning task does not schedule; the watchdog may stop it here.
        ksim::KillableWait spinning;
        std::this_thread::yield();
    }
    ksim::note_lock_acquired(kernel, op, false);
}

void read_unlock_op(rwlock_t* lock, const LockOp& op) {
    if (!ksim::note_lock_released(ksim::Kernel::active(), op))
        return;
    word(lock->count).fetch_sub(1, std::memory_order_release);
    ctx().preempt_count -= 1;
}

void write_lock_op(rwlock_t* lock, const LockOp& op) {
    ksim::Kernel& kernel = ksim::Kernel::active();
    if (ksim::check_recursive_locking(kernel, op)) {
        ksim::kill_deadlocked_task();
        return;
    }
    ctx().preempt_count += 1;
    auto c = word(lock->count);
    int zero = 0;
    for (unsigned spins = 1; !c.compare_exchange_weak(zero, -1, std::memory_order_acquire);
         ++spins) {
        zero = 0;
        if (spins % 4096 == 0 && ksim::end_waiter_if_owner_died(kernel, lock->owner_pid, op)) {
            ctx().preempt_count -= 1;
            return;
        }
        // A spinning task does not schedule; the watchdog may stop it here.
        ksim::KillableWait spinning;
        std::this_thread::yield();
    }
    lock->owner_pid = current_pid();
    ksim::note_lock_acquired(kernel, op, false);
}

void write_unlock_op(rwlock_t* lock, const LockOp& op) {
    if (!ksim::note_lock_released(ksim::Kernel::active(), op))
        return;
    lock->owner_pid = 0;
    word(lock->count).store(0, std::memory_order_release);
    ctx().preempt_count -= 1;
}

} // namespace

#define SPIN_CALL(lock) KSIM_LOCK_CALL((lock), (lock)->name, LockKind::Spin, false)
#define RW_CALL(lock, read) KSIM_LOCK_CALL((lock), (lock)->name, LockKind::RwLock, (read))

extern "C" {

int preempt_count(void) {
    return ctx().preempt_count;
}
void preempt_count_add(int val) {
    ctx().preempt_count += val;
}
void preempt_count_sub(int val) {
    ctx().preempt_count -= val;
}

unsigned long arch_local_irq_save(void) {
    unsigned long flags = ctx().irqs_disabled ? 0 : 0x200; // X86_EFLAGS_IF
    ctx().irqs_disabled = 1;
    return flags;
}
void arch_local_irq_restore(unsigned long flags) {
    ctx().irqs_disabled = (flags & 0x200) ? 0 : 1;
}
int irqs_disabled(void) {
    return ctx().irqs_disabled ? 1 : 0;
}
void local_bh_disable(void) {
    ctx().preempt_count += 0x200;
} // SOFTIRQ_DISABLE_OFFSET
void local_bh_enable(void) {
    ctx().preempt_count -= 0x200;
}

void _raw_spin_lock(raw_spinlock_t* lock) {
    spin_lock_op(lock, SPIN_CALL(lock));
}
void _raw_spin_unlock(raw_spinlock_t* lock) {
    spin_unlock_op(lock, SPIN_CALL(lock));
}
int _raw_spin_trylock(raw_spinlock_t* lock) {
    unsigned int expected = 0;
    if (!word(lock->locked).compare_exchange_strong(expected, 1, std::memory_order_acquire))
        return 0;
    ctx().preempt_count += 1;
    lock->owner_pid = current_pid();
    ksim::note_lock_acquired(ksim::Kernel::active(), SPIN_CALL(lock), true);
    return 1;
}
void _raw_spin_lock_irq(raw_spinlock_t* lock) {
    arch_local_irq_save();
    spin_lock_op(lock, SPIN_CALL(lock));
}
void _raw_spin_unlock_irq(raw_spinlock_t* lock) {
    spin_unlock_op(lock, SPIN_CALL(lock));
    arch_local_irq_restore(0x200);
}
unsigned long _raw_spin_lock_irqsave(raw_spinlock_t* lock) {
    unsigned long flags = arch_local_irq_save();
    spin_lock_op(lock, SPIN_CALL(lock));
    return flags;
}
void _raw_spin_unlock_irqrestore(raw_spinlock_t* lock, unsigned long flags) {
    spin_unlock_op(lock, SPIN_CALL(lock));
    arch_local_irq_restore(flags);
}
void _raw_spin_lock_bh(raw_spinlock_t* lock) {
    local_bh_disable();
    spin_lock_op(lock, SPIN_CALL(lock));
}
void _raw_spin_unlock_bh(raw_spinlock_t* lock) {
    spin_unlock_op(lock, SPIN_CALL(lock));
    local_bh_enable();
}

void _raw_read_lock(rwlock_t* lock) {
    read_lock_op(lock, RW_CALL(lock, true));
}
void _raw_read_unlock(rwlock_t* lock) {
    read_unlock_op(lock, RW_CALL(lock, true));
}
void _raw_write_lock(rwlock_t* lock) {
    write_lock_op(lock, RW_CALL(lock, false));
}
void _raw_write_unlock(rwlock_t* lock) {
    write_unlock_op(lock, RW_CALL(lock, false));
}

int _raw_read_trylock(rwlock_t* lock) {
    auto c = word(lock->count);
    int n = c.load();
    while (n >= 0)
        if (c.compare_exchange_weak(n, n + 1, std::memory_order_acquire)) {
            ctx().preempt_count += 1;
            ksim::note_lock_acquired(ksim::Kernel::active(), RW_CALL(lock, true), true);
            return 1;
        }
    return 0;
}
int _raw_write_trylock(rwlock_t* lock) {
    int zero = 0;
    if (!word(lock->count).compare_exchange_strong(zero, -1, std::memory_order_acquire))
        return 0;
    ctx().preempt_count += 1;
    lock->owner_pid = current_pid();
    ksim::note_lock_acquired(ksim::Kernel::active(), RW_CALL(lock, false), true);
    return 1;
}
int _raw_spin_trylock_bh(raw_spinlock_t* lock) {
    local_bh_disable();
    if (_raw_spin_trylock(lock))
        return 1;
    local_bh_enable();
    return 0;
}

void _raw_read_lock_irq(rwlock_t* lock) {
    arch_local_irq_save();
    read_lock_op(lock, RW_CALL(lock, true));
}
unsigned long _raw_read_lock_irqsave(rwlock_t* lock) {
    unsigned long flags = arch_local_irq_save();
    read_lock_op(lock, RW_CALL(lock, true));
    return flags;
}
void _raw_read_lock_bh(rwlock_t* lock) {
    local_bh_disable();
    read_lock_op(lock, RW_CALL(lock, true));
}
void _raw_read_unlock_irq(rwlock_t* lock) {
    read_unlock_op(lock, RW_CALL(lock, true));
    arch_local_irq_restore(0x200);
}
void _raw_read_unlock_irqrestore(rwlock_t* lock, unsigned long flags) {
    read_unlock_op(lock, RW_CALL(lock, true));
    arch_local_irq_restore(flags);
}
void _raw_read_unlock_bh(rwlock_t* lock) {
    read_unlock_op(lock, RW_CALL(lock, true));
    local_bh_enable();
}
void _raw_write_lock_irq(rwlock_t* lock) {
    arch_local_irq_save();
    write_lock_op(lock, RW_CALL(lock, false));
}
unsigned long _raw_write_lock_irqsave(rwlock_t* lock) {
    unsigned long flags = arch_local_irq_save();
    write_lock_op(lock, RW_CALL(lock, false));
    return flags;
}
void _raw_write_lock_bh(rwlock_t* lock) {
    local_bh_disable();
    write_lock_op(lock, RW_CALL(lock, false));
}
void _raw_write_unlock_irq(rwlock_t* lock) {
    write_unlock_op(lock, RW_CALL(lock, false));
    arch_local_irq_restore(0x200);
}
void _raw_write_unlock_irqrestore(rwlock_t* lock, unsigned long flags) {
    write_unlock_op(lock, RW_CALL(lock, false));
    arch_local_irq_restore(flags);
}
void _raw_write_unlock_bh(rwlock_t* lock) {
    write_unlock_op(lock, RW_CALL(lock, false));
    local_bh_enable();
}

void __might_sleep(const char* file, int line) {
    ksim::check_might_sleep(ksim::Kernel::active(), file, line,
                            reinterpret_cast<uint64_t>(__builtin_frame_address(0)));
}

} // extern "C"

EXPORT_SYMBOL_KSIM(preempt_count)
EXPORT_SYMBOL_KSIM(preempt_count_add)
EXPORT_SYMBOL_KSIM(preempt_count_sub)
EXPORT_SYMBOL_KSIM(arch_local_irq_save)
EXPORT_SYMBOL_KSIM(arch_local_irq_restore)
EXPORT_SYMBOL_KSIM(irqs_disabled)
EXPORT_SYMBOL_KSIM(local_bh_disable)
EXPORT_SYMBOL_KSIM(local_bh_enable)
EXPORT_SYMBOL_KSIM(_raw_spin_lock)
EXPORT_SYMBOL_KSIM(_raw_spin_unlock)
EXPORT_SYMBOL_KSIM(_raw_spin_trylock)
EXPORT_SYMBOL_KSIM(_raw_spin_lock_irq)
EXPORT_SYMBOL_KSIM(_raw_spin_unlock_irq)
EXPORT_SYMBOL_KSIM(_raw_spin_lock_irqsave)
EXPORT_SYMBOL_KSIM(_raw_spin_unlock_irqrestore)
EXPORT_SYMBOL_KSIM(_raw_spin_lock_bh)
EXPORT_SYMBOL_KSIM(_raw_spin_unlock_bh)
EXPORT_SYMBOL_KSIM(_raw_read_lock)
EXPORT_SYMBOL_KSIM(_raw_read_unlock)
EXPORT_SYMBOL_KSIM(_raw_write_lock)
EXPORT_SYMBOL_KSIM(_raw_write_unlock)
EXPORT_SYMBOL_KSIM(_raw_read_trylock)
EXPORT_SYMBOL_KSIM(_raw_write_trylock)
EXPORT_SYMBOL_KSIM(_raw_spin_trylock_bh)
EXPORT_SYMBOL_KSIM(_raw_read_lock_irq)
EXPORT_SYMBOL_KSIM(_raw_read_lock_irqsave)
EXPORT_SYMBOL_KSIM(_raw_read_lock_bh)
EXPORT_SYMBOL_KSIM(_raw_read_unlock_irq)
EXPORT_SYMBOL_KSIM(_raw_read_unlock_irqrestore)
EXPORT_SYMBOL_KSIM(_raw_read_unlock_bh)
EXPORT_SYMBOL_KSIM(_raw_write_lock_irq)
EXPORT_SYMBOL_KSIM(_raw_write_lock_irqsave)
EXPORT_SYMBOL_KSIM(_raw_write_lock_bh)
EXPORT_SYMBOL_KSIM(_raw_write_unlock_irq)
EXPORT_SYMBOL_KSIM(_raw_write_unlock_irqrestore)
EXPORT_SYMBOL_KSIM(_raw_write_unlock_bh)
EXPORT_SYMBOL_KSIM(__might_sleep)
