// Spinlocks, rwlocks, mutexes, preemption and interrupt state as modules
// call them (kernel/locking/spinlock.c, mutex.c; include/linux/preempt.h).
// The locks are real (host atomics, so races between tasks are real); taking
// a spinlock makes the task atomic, which the sleep checks then see.
#include "api/export.h"
#include "check/context.h"
#include "check/fault_trap.h"
#include "check/soft_lockup.h"
#include "kernel/kernel.h"
#include "kernel/task.h"

#include "../../include/linux/spinlock_types.h"

#include <atomic>
#include <thread>

namespace {

ksim::TaskContext ctx() { return ksim::current_context(ksim::Kernel::active()); }

void spin_acquire(volatile unsigned int* word) {
    auto* w = reinterpret_cast<std::atomic<unsigned int>*>(const_cast<unsigned int*>(word));
    unsigned int expected = 0;
    while (!w->compare_exchange_weak(expected, 1, std::memory_order_acquire)) {
        expected = 0;
    // A spinning task does not schedule; the watchdog may stop it here.
    ksim::KillableWait spinning;
        std::this_thread::yield();
    }
}

void spin_release(volatile unsigned int* word) {
    reinterpret_cast<std::atomic<unsigned int>*>(const_cast<unsigned int*>(word))
        ->store(0, std::memory_order_release);
}

} // namespace

struct mutex {
    volatile unsigned long owner;
    const char* name;
};

extern "C" {

int preempt_count(void) { return ctx().preempt_count; }
void preempt_count_add(int val) { ctx().preempt_count += val; }
void preempt_count_sub(int val) { ctx().preempt_count -= val; }

unsigned long arch_local_irq_save(void) {
    unsigned long flags = ctx().irqs_disabled ? 0 : 0x200; // X86_EFLAGS_IF
    ctx().irqs_disabled = 1;
    return flags;
}
void arch_local_irq_restore(unsigned long flags) { ctx().irqs_disabled = (flags & 0x200) ? 0 : 1; }
int irqs_disabled(void) { return ctx().irqs_disabled ? 1 : 0; }
void local_bh_disable(void) { ctx().preempt_count += 0x200; } // SOFTIRQ_DISABLE_OFFSET
void local_bh_enable(void) { ctx().preempt_count -= 0x200; }

void _raw_spin_lock(raw_spinlock_t* lock) {
    ctx().preempt_count += 1;
    spin_acquire(&lock->locked);
}
void _raw_spin_unlock(raw_spinlock_t* lock) {
    spin_release(&lock->locked);
    ctx().preempt_count -= 1;
}
int _raw_spin_trylock(raw_spinlock_t* lock) {
    auto* w = reinterpret_cast<std::atomic<unsigned int>*>(const_cast<unsigned int*>(&lock->locked));
    unsigned int expected = 0;
    if (!w->compare_exchange_strong(expected, 1, std::memory_order_acquire))
        return 0;
    ctx().preempt_count += 1;
    return 1;
}
void _raw_spin_lock_irq(raw_spinlock_t* lock) {
    arch_local_irq_save();
    _raw_spin_lock(lock);
}
void _raw_spin_unlock_irq(raw_spinlock_t* lock) {
    _raw_spin_unlock(lock);
    arch_local_irq_restore(0x200);
}
unsigned long _raw_spin_lock_irqsave(raw_spinlock_t* lock) {
    unsigned long flags = arch_local_irq_save();
    _raw_spin_lock(lock);
    return flags;
}
void _raw_spin_unlock_irqrestore(raw_spinlock_t* lock, unsigned long flags) {
    _raw_spin_unlock(lock);
    arch_local_irq_restore(flags);
}
void _raw_spin_lock_bh(raw_spinlock_t* lock) {
    local_bh_disable();
    _raw_spin_lock(lock);
}
void _raw_spin_unlock_bh(raw_spinlock_t* lock) {
    _raw_spin_unlock(lock);
    local_bh_enable();
}

void _raw_read_lock(rwlock_t* lock) {
    ctx().preempt_count += 1;
    auto* c = reinterpret_cast<std::atomic<int>*>(const_cast<int*>(&lock->count));
    for (;;) {
        int n = c->load();
        if (n >= 0 && c->compare_exchange_weak(n, n + 1))
            return;
        std::this_thread::yield();
    }
}
void _raw_read_unlock(rwlock_t* lock) {
    reinterpret_cast<std::atomic<int>*>(const_cast<int*>(&lock->count))->fetch_sub(1);
    ctx().preempt_count -= 1;
}
void _raw_write_lock(rwlock_t* lock) {
    ctx().preempt_count += 1;
    auto* c = reinterpret_cast<std::atomic<int>*>(const_cast<int*>(&lock->count));
    int zero = 0;
    while (!c->compare_exchange_weak(zero, -1)) {
        zero = 0;
        std::this_thread::yield();
    }
}
void _raw_write_unlock(rwlock_t* lock) {
    reinterpret_cast<std::atomic<int>*>(const_cast<int*>(&lock->count))->store(0);
    ctx().preempt_count -= 1;
}

void __mutex_init(struct mutex* lock, const char* name, void*) {
    lock->owner = 0;
    lock->name = name;
}

void mutex_lock(struct mutex* lock) {
    ksim::Kernel& kernel = ksim::Kernel::active();
    // Linux: might_sleep() in __mutex_lock_common().
    ksim::check_might_sleep(kernel, "kernel/locking/mutex.c", 580,
                            reinterpret_cast<uint64_t>(__builtin_frame_address(0)));
    auto* owner = reinterpret_cast<std::atomic<unsigned long>*>(
        const_cast<unsigned long*>(&lock->owner));
    unsigned long me = static_cast<unsigned long>(kernel.tasks().current().pid);
    unsigned long expected = 0;
    while (!owner->compare_exchange_weak(expected, me, std::memory_order_acquire)) {
        expected = 0;
        // Waiting for a mutex sleeps in Linux: not a soft lockup.
        ksim::note_schedule(kernel);
        std::this_thread::yield();
    }
}

int mutex_lock_interruptible(struct mutex* lock) {
    mutex_lock(lock);
    return 0;
}
int mutex_lock_killable(struct mutex* lock) {
    mutex_lock(lock);
    return 0;
}

int mutex_trylock(struct mutex* lock) {
    auto* owner = reinterpret_cast<std::atomic<unsigned long>*>(
        const_cast<unsigned long*>(&lock->owner));
    unsigned long expected = 0;
    unsigned long me = static_cast<unsigned long>(ksim::Kernel::active().tasks().current().pid);
    return owner->compare_exchange_strong(expected, me, std::memory_order_acquire) ? 1 : 0;
}

void mutex_unlock(struct mutex* lock) {
    reinterpret_cast<std::atomic<unsigned long>*>(const_cast<unsigned long*>(&lock->owner))
        ->store(0, std::memory_order_release);
}

bool mutex_is_locked(struct mutex* lock) { return lock->owner != 0; }

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
