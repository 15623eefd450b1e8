/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Read-write semaphores (kernel/locking/rwsem.c): many readers or one
 * writer, sleeping while they wait. The lock functions are exported as in
 * Linux 6.1; init_rwsem() passes the argument's text as lockdep's name.
 */
#ifndef _LINUX_RWSEM_H
#define _LINUX_RWSEM_H

#include <linux/compiler.h>
#include <linux/types.h>

struct rw_semaphore {
	volatile long count;          /* readers, or -1 while a writer holds it */
	volatile unsigned long owner; /* the writer's pid */
	const char *name;
};

#define __RWSEM_INITIALIZER(lockname) { .count = 0, .owner = 0, .name = #lockname }
#define DECLARE_RWSEM(name) struct rw_semaphore name = __RWSEM_INITIALIZER(name)

struct lock_class_key;
extern void __init_rwsem(struct rw_semaphore *sem, const char *name, struct lock_class_key *key);
#define init_rwsem(sem) __init_rwsem((sem), #sem, NULL)

static inline int rwsem_is_locked(struct rw_semaphore *sem)
{
	return READ_ONCE(sem->count) != 0;
}

static inline int rwsem_is_contended(struct rw_semaphore *sem)
{
	return 0;
}

extern void down_read(struct rw_semaphore *sem);
extern int __must_check down_read_interruptible(struct rw_semaphore *sem);
extern int __must_check down_read_killable(struct rw_semaphore *sem);
extern int down_read_trylock(struct rw_semaphore *sem);
extern void down_write(struct rw_semaphore *sem);
extern int __must_check down_write_killable(struct rw_semaphore *sem);
extern int down_write_trylock(struct rw_semaphore *sem);
extern void up_read(struct rw_semaphore *sem);
extern void up_write(struct rw_semaphore *sem);
extern void downgrade_write(struct rw_semaphore *sem);

/* Without CONFIG_DEBUG_LOCK_ALLOC, as in Debian's 6.1. */
#define down_read_nested(sem, subclass) down_read(sem)
#define down_read_killable_nested(sem, subclass) down_read_killable(sem)
#define down_write_nest_lock(sem, nest_lock) down_write(sem)
#define down_write_nested(sem, subclass) down_write(sem)
#define down_write_killable_nested(sem, subclass) down_write_killable(sem)
#define down_read_non_owner(sem) down_read(sem)
#define up_read_non_owner(sem) up_read(sem)

#endif /* _LINUX_RWSEM_H */
