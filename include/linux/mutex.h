/* SPDX-License-Identifier: GPL-2.0 */
/* Sleeping locks for ksim: mutex_lock() may sleep and is checked for it. */
#ifndef _LINUX_MUTEX_H
#define _LINUX_MUTEX_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/lockdep.h>

struct mutex {
	volatile unsigned long owner; /* the owning task's pid, 0 when free */
	const char *name;
};

#define __MUTEX_INITIALIZER(lockname) { .owner = 0, .name = #lockname }
#define DEFINE_MUTEX(mutexname) struct mutex mutexname = __MUTEX_INITIALIZER(mutexname)

extern void __mutex_init(struct mutex *lock, const char *name, void *key);
#define mutex_init(mutex) __mutex_init((mutex), #mutex, NULL)
#define mutex_destroy(mutex) ((void)(mutex))

extern void mutex_lock(struct mutex *lock);
extern int __must_check mutex_lock_interruptible(struct mutex *lock);
extern int __must_check mutex_lock_killable(struct mutex *lock);
extern int mutex_trylock(struct mutex *lock);
extern void mutex_unlock(struct mutex *lock);
extern bool mutex_is_locked(struct mutex *lock);
extern void mutex_lock_io(struct mutex *lock);
extern int atomic_dec_and_mutex_lock(atomic_t *cnt, struct mutex *lock);

/* Without CONFIG_DEBUG_LOCK_ALLOC (Debian's 6.1) the subclass is ignored. */
#define mutex_lock_nested(lock, subclass) mutex_lock(lock)
#define mutex_lock_interruptible_nested(lock, subclass) mutex_lock_interruptible(lock)
#define mutex_lock_killable_nested(lock, subclass) mutex_lock_killable(lock)
#define mutex_lock_nest_lock(lock, nest_lock) mutex_lock(lock)
#define mutex_lock_io_nested(lock, subclass) mutex_lock_io(lock)

#endif /* _LINUX_MUTEX_H */
