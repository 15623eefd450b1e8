/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: kernel threads (Linux 6.1 include/linux/kthread.h). Each kthread is
 * a host thread with its own task; kthread_stop() waits for the thread
 * function's return value.
 */
#ifndef _LINUX_KTHREAD_H
#define _LINUX_KTHREAD_H

#include <linux/err.h>
#include <linux/numa.h>
#include <linux/sched.h>

__printf(4, 5) struct task_struct *
kthread_create_on_node(int (*threadfn)(void *data), void *data, int node,
		       const char namefmt[], ...);

#define kthread_create(threadfn, data, namefmt, arg...)                        \
	kthread_create_on_node(threadfn, data, NUMA_NO_NODE, namefmt, ##arg)

#define kthread_run(threadfn, data, namefmt, ...)                              \
	({                                                                     \
		struct task_struct *__k =                                      \
			kthread_create(threadfn, data, namefmt, ##__VA_ARGS__); \
		if (!IS_ERR(__k))                                              \
			wake_up_process(__k);                                  \
		__k;                                                           \
	})

void kthread_bind(struct task_struct *k, unsigned int cpu);
int kthread_stop(struct task_struct *k);
bool kthread_should_stop(void);
bool kthread_should_park(void);
bool kthread_freezable_should_stop(bool *was_frozen);
int kthread_park(struct task_struct *k);
void kthread_unpark(struct task_struct *k);
void kthread_parkme(void);

#endif /* _LINUX_KTHREAD_H */
