/* SPDX-License-Identifier: GPL-2.0 */
/* spinlock_t and rwlock_t: a lock word ksim's functions spin on. */
#ifndef _LINUX_SPINLOCK_TYPES_H
#define _LINUX_SPINLOCK_TYPES_H

typedef struct raw_spinlock {
	volatile unsigned int locked;
	unsigned int owner_pid;
} raw_spinlock_t;

typedef struct spinlock {
	struct raw_spinlock rlock;
} spinlock_t;

typedef struct {
	volatile int count; /* readers, or -1 while a writer holds it */
	unsigned int owner_pid;
} rwlock_t;

#define __RAW_SPIN_LOCK_UNLOCKED(name) { 0, 0 }
#define __SPIN_LOCK_UNLOCKED(name) { .rlock = __RAW_SPIN_LOCK_UNLOCKED(name) }
#define DEFINE_SPINLOCK(x) spinlock_t x = __SPIN_LOCK_UNLOCKED(x)
#define DEFINE_RAW_SPINLOCK(x) raw_spinlock_t x = __RAW_SPIN_LOCK_UNLOCKED(x)
#define __RW_LOCK_UNLOCKED(name) { 0, 0 }
#define DEFINE_RWLOCK(x) rwlock_t x = __RW_LOCK_UNLOCKED(x)

#endif /* _LINUX_SPINLOCK_TYPES_H */
