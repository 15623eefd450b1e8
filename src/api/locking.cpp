// Spinlocks, rwlocks, mutexes, preemption and interrupt state as modules
// call them (kernel/locking/spinlock.c, mutex.c; include/linux/preempt.h).
// The locks are real (host atomics, so races between tasks are real); taking
// a spinlock makes the task atomic, which the sleep checks then see. Every
// lock and unlock goes through lockdep's checks (check/lockdep_report.h):
// a lock taken twice is reported and its task killed instead of hanging, an
// unlock of a lock the task does not hold is reported and leaves the
// task's preemption state alone.
#include "api/export.h"
#include "api/lock_call.h"
#include "api/lock_wait.h"
#include "check/context.h"
#include "check/hung_task.h"
#include "check/lock_tracker.h"
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

// The lock's owner died in module code, so this task would wait forever:
// reported (hung task / soft lockup) and the task ended. True only outside
// module code, where the caller must give up instead.
bool owner_died(ksim::Kernel& kernel, unsigned long owner, const LockOp& op) {
    if (owner == 0)
        return false;
    std::string comm = kernel.locks().dead_task(static_cast<int>(owner));
    if (comm.empty())
        return false;
    ksim::report_waits_forever(kernel, op, comm, static_cast<int>(owner));
    comm = {}; // nothing to destroy when the task is ended below
    ksim::kill_deadlocked_task();
    return true;
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
        if (spins % 4096 == 0 && owner_died(kernel, lock->owner_pid, op)) {
            ctx().preempt_count -= 1;
            return;
        }
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

} // namespace

struct mutex {
    volatile unsigned long owner;
    const char* name;
};

#define SPIN_CALL(lock) KSIM_LOCK_CALL((lock), (lock)->name, LockKind::Spin, false)
#define RW_CALL(lock, read) KSIM_LOCK_CALL((lock), (lock)->name, LockKind::RwLock, (read))
#define MUTEX_CALL(lock) KSIM_LOCK_CALL((lock), (lock)->name, LockKind::Mutex, false)

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
    ksim::Kernel& kernel = ksim::Kernel::active();
    LockOp op = RW_CALL(lock, true);
    if (ksim::check_recursive_locking(kernel, op)) {
        ksim::kill_deadlocked_task();
        return;
    }
    ctx().preempt_count += 1;
    auto c = word(lock->count);
    for (;;) {
        int n = c.load();
        if (n >= 0 && c.compare_exchange_weak(n, n + 1))
            break;
        std::this_thread::yield();
    }
    ksim::note_lock_acquired(kernel, op, false);
}
void _raw_read_unlock(rwlock_t* lock) {
    if (!ksim::note_lock_released(ksim::Kernel::active(), RW_CALL(lock, true)))
        return;
    word(lock->count).fetch_sub(1);
    ctx().preempt_count -= 1;
}
void _raw_write_lock(rwlock_t* lock) {
    ksim::Kernel& kernel = ksim::Kernel::active();
    LockOp op = RW_CALL(lock, false);
    if (ksim::check_recursive_locking(kernel, op)) {
        ksim::kill_deadlocked_task();
        return;
    }
    ctx().preempt_count += 1;
    auto c = word(lock->count);
    int zero = 0;
    for (unsigned spins = 1; !c.compare_exchange_weak(zero, -1); ++spins) {
        zero = 0;
        if (spins % 4096 == 0 && owner_died(kernel, lock->owner_pid, op)) {
            ctx().preempt_count -= 1;
            return;
        }
        std::this_thread::yield();
    }
    lock->owner_pid = current_pid();
    ksim::note_lock_acquired(kernel, op, false);
}
void _raw_write_unlock(rwlock_t* lock) {
    if (!ksim::note_lock_released(ksim::Kernel::active(), RW_CALL(lock, false)))
        return;
    lock->owner_pid = 0;
    word(lock->count).store(0);
    ctx().preempt_count -= 1;
}

void __mutex_init(struct mutex* lock, const char* name, void*) {
    lock->owner = 0;
    lock->name = name;
}

} // extern "C"

namespace {

void mutex_lock_op(struct mutex* lock, const LockOp& op) {
    ksim::Kernel& kernel = ksim::Kernel::active();
    // Linux: might_sleep() in __mutex_lock_common().
    ksim::check_might_sleep(kernel, "kernel/locking/mutex.c", 580, op.frame);
    if (ksim::check_recursive_locking(kernel, op)) {
        ksim::kill_deadlocked_task();
        return;
    }
    auto owner = word(lock->owner);
    unsigned long me = current_pid();
    for (;;) {
        unsigned long seen = 0;
        if (owner.compare_exchange_weak(seen, me, std::memory_order_acquire))
            break;
        if (seen == 0)
            continue;
        if (owner_died(kernel, seen, op))
            return;
        // Sleeps until mutex_unlock() changes it (or looks again later).
        ksim::lock_word_wait(&lock->owner, static_cast<uint32_t>(seen),
                             std::chrono::milliseconds(100));
    }
    ksim::note_lock_acquired(kernel, op, false);
}

} // namespace

extern "C" {

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

int mutex_trylock(struct mutex* lock) {
    unsigned long expected = 0;
    if (!word(lock->owner)
             .compare_exchange_strong(expected, current_pid(), std::memory_order_acquire))
        return 0;
    ksim::note_lock_acquired(ksim::Kernel::active(), MUTEX_CALL(lock), true);
    return 1;
}

void mutex_unlock(struct mutex* lock) {
    // An unlock by a task that does not hold it is reported; the mutex is
    // still released, as Linux's mutex_unlock() does.
    (void)ksim::note_lock_released(ksim::Kernel::active(), MUTEX_CALL(lock));
    if (word(lock->owner).exchange(0, std::memory_order_release) != 0)
        ksim::lock_word_wake(&lock->owner);
}

bool mutex_is_locked(struct mutex* lock) {
    return lock->owner != 0;
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
EXPORT_SYMBOL_KSIM(__mutex_init)
EXPORT_SYMBOL_KSIM(mutex_lock)
EXPORT_SYMBOL_KSIM(mutex_lock_interruptible)
EXPORT_SYMBOL_KSIM(mutex_lock_killable)
EXPORT_SYMBOL_KSIM(mutex_trylock)
EXPORT_SYMBOL_KSIM(mutex_unlock)
EXPORT_SYMBOL_KSIM(mutex_is_locked)
EXPORT_SYMBOL_KSIM(__might_sleep)
