/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Counting semaphores (kernel/locking/semaphore.c). The functions are
 * exported as in Linux 6.1; sema_init() and DEFINE_SEMAPHORE() are inline.
 * A semaphore has no owner: any task may up() it, and lockdep does not
 * track it. down() may sleep and is checked for it.
 */
#ifndef __LINUX_SEMAPHORE_H
#define __LINUX_SEMAPHORE_H

#include <linux/compiler.h>
#include <linux/list.h>
#include <linux/spinlock_types.h>

struct semaphore {
	raw_spinlock_t lock;
	unsigned int count; /* how many more tasks may take it */
	struct list_head wait_list;
};

#define __SEMAPHORE_INITIALIZER(name, n)                                       \
	{                                                                      \
		.lock = __RAW_SPIN_LOCK_UNLOCKED((name).lock), .count = n,     \
		.wait_list = LIST_HEAD_INIT((name).wait_list),                 \
	}

/* Linux 6.1's form: a binary semaphore, initially free. */
#define DEFINE_SEMAPHORE(name) struct semaphore name = __SEMAPHORE_INITIALIZER(name, 1)

static inline void sema_init(struct semaphore *sem, int val)
{
	*sem = (struct semaphore)__SEMAPHORE_INITIALIZER(*sem, val);
}

extern void down(struct semaphore *sem);
extern int __must_check down_interruptible(struct semaphore *sem);
extern int __must_check down_killable(struct semaphore *sem);
extern int __must_check down_trylock(struct semaphore *sem);
extern int __must_check down_timeout(struct semaphore *sem, long jiffies);
extern void up(struct semaphore *sem);

#endif /* __LINUX_SEMAPHORE_H */
