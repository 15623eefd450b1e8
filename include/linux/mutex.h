/* SPDX-License-Identifier: GPL-2.0 */
/* Sleeping locks for ksim: mutex_lock() may sleep and is checked for it. */
#ifndef _LINUX_MUTEX_H
#define _LINUX_MUTEX_H

#include <linux/compiler.h>
#include <linux/types.h>

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

#endif /* _LINUX_MUTEX_H */
