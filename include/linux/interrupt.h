/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: the tasklet half of Linux 6.1 include/linux/interrupt.h (ksim has
 * no hardware interrupts). Tasklets run in softirq context on ksim's
 * "ksoftirqd/0" task; struct tasklet_struct is in ksim/deferred_abi.h.
 */
#ifndef _LINUX_INTERRUPT_H
#define _LINUX_INTERRUPT_H

#include <ksim/deferred_abi.h>
#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/container_of.h>
#include <linux/preempt.h>

enum {
	TASKLET_STATE_SCHED, /* scheduled for execution */
	TASKLET_STATE_RUN    /* running */
};

#define DECLARE_TASKLET(name, _callback)                                       \
	struct tasklet_struct name = {                                         \
		.count = ATOMIC_INIT(0),                                       \
		.callback = _callback,                                         \
		.use_callback = true,                                          \
	}

#define DECLARE_TASKLET_DISABLED(name, _callback)                              \
	struct tasklet_struct name = {                                         \
		.count = ATOMIC_INIT(1),                                       \
		.callback = _callback,                                         \
		.use_callback = true,                                          \
	}

#define from_tasklet(var, callback_tasklet, tasklet_fieldname)                 \
	container_of(callback_tasklet, typeof(*var), tasklet_fieldname)

#define DECLARE_TASKLET_OLD(name, _func)                                       \
	struct tasklet_struct name = {                                         \
		.count = ATOMIC_INIT(0),                                       \
		.func = _func,                                                 \
	}

#define DECLARE_TASKLET_DISABLED_OLD(name, _func)                              \
	struct tasklet_struct name = {                                         \
		.count = ATOMIC_INIT(1),                                       \
		.func = _func,                                                 \
	}

static inline int tasklet_trylock(struct tasklet_struct *t)
{
	return !test_and_set_bit(TASKLET_STATE_RUN, &(t)->state);
}

void tasklet_unlock(struct tasklet_struct *t);
void tasklet_unlock_wait(struct tasklet_struct *t);
void tasklet_unlock_spin_wait(struct tasklet_struct *t);

extern void __tasklet_schedule(struct tasklet_struct *t);

static inline void tasklet_schedule(struct tasklet_struct *t)
{
	if (!test_and_set_bit(TASKLET_STATE_SCHED, &t->state))
		__tasklet_schedule(t);
}

extern void __tasklet_hi_schedule(struct tasklet_struct *t);

static inline void tasklet_hi_schedule(struct tasklet_struct *t)
{
	if (!test_and_set_bit(TASKLET_STATE_SCHED, &t->state))
		__tasklet_hi_schedule(t);
}

static inline void tasklet_disable_nosync(struct tasklet_struct *t)
{
	atomic_inc(&t->count);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

static inline void tasklet_disable_in_atomic(struct tasklet_struct *t)
{
	tasklet_disable_nosync(t);
	tasklet_unlock_spin_wait(t);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

static inline void tasklet_disable(struct tasklet_struct *t)
{
	tasklet_disable_nosync(t);
	tasklet_unlock_wait(t);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

static inline void tasklet_enable(struct tasklet_struct *t)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	atomic_dec(&t->count);
}

extern void tasklet_kill(struct tasklet_struct *t);
extern void tasklet_init(struct tasklet_struct *t, void (*func)(unsigned long),
			 unsigned long data);
extern void tasklet_setup(struct tasklet_struct *t,
			  void (*callback)(struct tasklet_struct *));

#endif /* _LINUX_INTERRUPT_H */
