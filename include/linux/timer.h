/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: kernel timers (Linux 6.1 include/linux/timer.h). A timer's callback
 * runs in softirq context on ksim's "ksoftirqd/0" task once jiffies reach
 * its expiry. struct timer_list is in ksim/deferred_abi.h.
 */
#ifndef _LINUX_TIMER_H
#define _LINUX_TIMER_H

#include <ksim/deferred_abi.h>
#include <linux/container_of.h>
#include <linux/jiffies.h>
#include <linux/list.h>
#include <linux/poison.h>
#include <linux/stddef.h>

#define TIMER_CPUMASK 0x0003FFFF
#define TIMER_MIGRATING 0x00040000
#define TIMER_BASEMASK (TIMER_CPUMASK | TIMER_MIGRATING)
#define TIMER_DEFERRABLE 0x00080000
#define TIMER_PINNED 0x00100000
#define TIMER_IRQSAFE 0x00200000
#define TIMER_INIT_FLAGS (TIMER_DEFERRABLE | TIMER_PINNED | TIMER_IRQSAFE)
#define TIMER_ARRAYSHIFT 22
#define TIMER_ARRAYMASK 0xFFC00000

#define TIMER_TRACE_FLAGMASK (TIMER_MIGRATING | TIMER_DEFERRABLE | TIMER_PINNED | TIMER_IRQSAFE)


#define __TIMER_INITIALIZER(_function, _flags)                                 \
	{                                                                      \
		.entry = { .next = TIMER_ENTRY_STATIC },                       \
		.function = (_function), .flags = (_flags),                    \
	}

#define DEFINE_TIMER(_name, _function)                                         \
	struct timer_list _name = __TIMER_INITIALIZER(_function, 0)

struct lock_class_key;

void init_timer_key(struct timer_list *timer, void (*func)(struct timer_list *),
		    unsigned int flags, const char *name, struct lock_class_key *key);

#define __init_timer(_timer, _fn, _flags)                                      \
	init_timer_key((_timer), (_fn), (_flags), NULL, NULL)
#define __init_timer_on_stack(_timer, _fn, _flags)                             \
	init_timer_key((_timer), (_fn), (_flags), NULL, NULL)

#define timer_setup(timer, callback, flags)                                    \
	__init_timer((timer), (callback), (flags))
#define timer_setup_on_stack(timer, callback, flags)                           \
	__init_timer_on_stack((timer), (callback), (flags))

static inline void destroy_timer_on_stack(struct timer_list *timer)
{
	(void)timer;
}

#define from_timer(var, callback_timer, timer_fieldname)                       \
	container_of(callback_timer, typeof(*var), timer_fieldname)

/* Whether the timer is armed: its entry is linked (pprev set). */
static inline int timer_pending(const struct timer_list *timer)
{
	return !hlist_unhashed_lockless(&timer->entry);
}

extern void add_timer_on(struct timer_list *timer, int cpu);
extern int del_timer(struct timer_list *timer);
extern int mod_timer(struct timer_list *timer, unsigned long expires);
extern int mod_timer_pending(struct timer_list *timer, unsigned long expires);
extern int timer_reduce(struct timer_list *timer, unsigned long expires);
extern void add_timer(struct timer_list *timer);
extern int try_to_del_timer_sync(struct timer_list *timer);
extern int del_timer_sync(struct timer_list *timer);

#define del_singleshot_timer_sync(t) del_timer_sync(t)

#endif /* _LINUX_TIMER_H */
