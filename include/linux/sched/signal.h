/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: whether a task has a signal waiting, which interrupts its
 * interruptible sleeps (the -ERESTARTSYS path). Linux tests a thread flag
 * inline; ksim keeps signals in its own task record, so these are exported
 * functions.
 */
#ifndef _LINUX_SCHED_SIGNAL_H
#define _LINUX_SCHED_SIGNAL_H

#include <linux/sched.h>
#include <linux/signal.h>

extern int signal_pending(struct task_struct *p);
extern int fatal_signal_pending(struct task_struct *p);

/* Sends signal sig to task p; priv nonzero means "from the kernel". */
extern int send_sig(int sig, struct task_struct *p, int priv);

static inline int signal_pending_state(unsigned int state, struct task_struct *p)
{
	if (!(state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)))
		return 0;
	if (!signal_pending(p))
		return 0;
	return (state & TASK_INTERRUPTIBLE) || fatal_signal_pending(p);
}

#endif
