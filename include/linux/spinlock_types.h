/* SPDX-License-Identifier: GPL-2.0 */
/*
 * spinlock_t and rwlock_t: a lock word ksim's functions spin on, and the
 * name lockdep reports the lock by (the variable, as DEFINE_SPINLOCK(x)
 * and spin_lock_init(&p->lock) spell it).
 */
#ifndef _LINUX_SPINLOCK_TYPES_H
#define _LINUX_SPINLOCK_TYPES_H

typedef struct raw_spinlock {
	volatile unsigned int locked;
	unsigned int owner_pid;
	const char *name;
} raw_spinlock_t;

typedef struct spinlock {
	struct raw_spinlock rlock;
} spinlock_t;

typedef struct {
	volatile int count; /* readers, or -1 while a writer holds it */
	unsigned int owner_pid;
	const char *name;
} rwlock_t;

#define __RAW_SPIN_LOCK_UNLOCKED(lockname) { 0, 0, #lockname }
#define __SPIN_LOCK_UNLOCKED(lockname) { .rlock = __RAW_SPIN_LOCK_UNLOCKED(lockname) }
#define DEFINE_SPINLOCK(x) spinlock_t x = __SPIN_LOCK_UNLOCKED(x)
#define DEFINE_RAW_SPINLOCK(x) raw_spinlock_t x = __RAW_SPIN_LOCK_UNLOCKED(x)
#define __RW_LOCK_UNLOCKED(lockname) { 0, 0, #lockname }
#define DEFINE_RWLOCK(x) rwlock_t x = __RW_LOCK_UNLOCKED(x)

#endif /* _LINUX_SPINLOCK_TYPES_H */
