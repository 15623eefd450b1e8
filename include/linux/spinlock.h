/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Spinlocks for ksim, with Linux 6.1's entry points (_raw_spin_lock and
 * friends). Taking one disables preemption for the task, and the _irq forms
 * disable interrupts, so sleeping while holding one is reported.
 */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <linux/compiler.h>
#include <linux/spinlock_types.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <linux/lockdep.h>

extern void _raw_spin_lock(raw_spinlock_t *lock);
extern void _raw_spin_unlock(raw_spinlock_t *lock);
extern int _raw_spin_trylock(raw_spinlock_t *lock);
extern void _raw_spin_lock_irq(raw_spinlock_t *lock);
extern void _raw_spin_unlock_irq(raw_spinlock_t *lock);
extern unsigned long _raw_spin_lock_irqsave(raw_spinlock_t *lock);
extern void _raw_spin_unlock_irqrestore(raw_spinlock_t *lock, unsigned long flags);
extern void _raw_spin_lock_bh(raw_spinlock_t *lock);
extern void _raw_spin_unlock_bh(raw_spinlock_t *lock);
extern void _raw_read_lock(rwlock_t *lock);
extern void _raw_read_unlock(rwlock_t *lock);
extern void _raw_write_lock(rwlock_t *lock);
extern void _raw_write_unlock(rwlock_t *lock);
extern int _raw_spin_trylock_bh(raw_spinlock_t *lock);
extern int _raw_read_trylock(rwlock_t *lock);
extern int _raw_write_trylock(rwlock_t *lock);
extern void _raw_read_lock_irq(rwlock_t *lock);
extern unsigned long _raw_read_lock_irqsave(rwlock_t *lock);
extern void _raw_read_lock_bh(rwlock_t *lock);
extern void _raw_read_unlock_irq(rwlock_t *lock);
extern void _raw_read_unlock_irqrestore(rwlock_t *lock, unsigned long flags);
extern void _raw_read_unlock_bh(rwlock_t *lock);
extern void _raw_write_lock_irq(rwlock_t *lock);
extern unsigned long _raw_write_lock_irqsave(rwlock_t *lock);
extern void _raw_write_lock_bh(rwlock_t *lock);
extern void _raw_write_unlock_irq(rwlock_t *lock);
extern void _raw_write_unlock_irqrestore(rwlock_t *lock, unsigned long flags);
extern void _raw_write_unlock_bh(rwlock_t *lock);

/* Inline as in Linux without CONFIG_DEBUG_SPINLOCK; the name is the argument. */
#define __ksim_spin_lock_init(raw, lockname)                                   \
	do {                                                                   \
		(raw)->locked = 0;                                             \
		(raw)->owner_pid = 0;                                          \
		(raw)->name = lockname;                                        \
	} while (0)
#define raw_spin_lock_init(l) __ksim_spin_lock_init(l, #l)
#define spin_lock_init(l) __ksim_spin_lock_init(&(l)->rlock, #l)
#define rwlock_init(l)                                                         \
	do {                                                                   \
		(l)->count = 0;                                                \
		(l)->owner_pid = 0;                                            \
		(l)->name = #l;                                                \
	} while (0)

#define raw_spin_lock(l) _raw_spin_lock(l)
#define raw_spin_unlock(l) _raw_spin_unlock(l)
#define raw_spin_trylock(l) _raw_spin_trylock(l)
#define raw_spin_lock_irq(l) _raw_spin_lock_irq(l)
#define raw_spin_unlock_irq(l) _raw_spin_unlock_irq(l)
#define raw_spin_lock_irqsave(l, flags) do { (flags) = _raw_spin_lock_irqsave(l); } while (0)
#define raw_spin_unlock_irqrestore(l, flags) _raw_spin_unlock_irqrestore(l, flags)
#define raw_spin_lock_bh(l) _raw_spin_lock_bh(l)
#define raw_spin_unlock_bh(l) _raw_spin_unlock_bh(l)
#define raw_spin_is_locked(l) ((l)->locked != 0)
#define spin_lock(l) _raw_spin_lock(&(l)->rlock)
#define spin_unlock(l) _raw_spin_unlock(&(l)->rlock)
#define spin_trylock(l) _raw_spin_trylock(&(l)->rlock)
#define spin_lock_irq(l) _raw_spin_lock_irq(&(l)->rlock)
#define spin_unlock_irq(l) _raw_spin_unlock_irq(&(l)->rlock)
#define spin_lock_irqsave(l, flags) do { (flags) = _raw_spin_lock_irqsave(&(l)->rlock); } while (0)
#define spin_unlock_irqrestore(l, flags) _raw_spin_unlock_irqrestore(&(l)->rlock, flags)
#define spin_lock_bh(l) _raw_spin_lock_bh(&(l)->rlock)
#define spin_unlock_bh(l) _raw_spin_unlock_bh(&(l)->rlock)
#define spin_trylock_bh(l) _raw_spin_trylock_bh(&(l)->rlock)
#define spin_trylock_irq(l)                                                    \
	({                                                                     \
		local_irq_disable();                                           \
		spin_trylock(l) ? 1 : ({ local_irq_enable(); 0; });            \
	})
#define spin_trylock_irqsave(l, flags)                                         \
	({                                                                     \
		local_irq_save(flags);                                         \
		spin_trylock(l) ? 1 : ({ local_irq_restore(flags); 0; });      \
	})
#define spin_is_locked(l) ((l)->rlock.locked != 0)
#define spin_is_contended(l) ((void)(l), 0)
#define assert_spin_locked(l) ((void)0)
#define assert_raw_spin_locked(l) ((void)0)

/* Without CONFIG_DEBUG_LOCK_ALLOC (Debian's 6.1) the subclass is ignored. */
#define spin_lock_nested(l, subclass) _raw_spin_lock(((void)(subclass), &(l)->rlock))
#define spin_lock_irqsave_nested(l, flags, subclass)                           \
	do {                                                                   \
		(void)(subclass);                                              \
		spin_lock_irqsave(l, flags);                                   \
	} while (0)
#define spin_lock_nest_lock(l, nest_lock) ((void)(nest_lock), spin_lock(l))
#define raw_spin_lock_nested(l, subclass) _raw_spin_lock(((void)(subclass), (l)))

#define read_lock(l) _raw_read_lock(l)
#define read_unlock(l) _raw_read_unlock(l)
#define write_lock(l) _raw_write_lock(l)
#define write_unlock(l) _raw_write_unlock(l)
#define read_trylock(l) _raw_read_trylock(l)
#define write_trylock(l) _raw_write_trylock(l)
#define read_lock_irq(l) _raw_read_lock_irq(l)
#define read_unlock_irq(l) _raw_read_unlock_irq(l)
#define read_lock_irqsave(l, flags) do { (flags) = _raw_read_lock_irqsave(l); } while (0)
#define read_unlock_irqrestore(l, flags) _raw_read_unlock_irqrestore(l, flags)
#define read_lock_bh(l) _raw_read_lock_bh(l)
#define read_unlock_bh(l) _raw_read_unlock_bh(l)
#define write_lock_irq(l) _raw_write_lock_irq(l)
#define write_unlock_irq(l) _raw_write_unlock_irq(l)
#define write_lock_irqsave(l, flags) do { (flags) = _raw_write_lock_irqsave(l); } while (0)
#define write_unlock_irqrestore(l, flags) _raw_write_unlock_irqrestore(l, flags)
#define write_lock_bh(l) _raw_write_lock_bh(l)
#define write_unlock_bh(l) _raw_write_unlock_bh(l)

#endif /* _LINUX_SPINLOCK_H */
