/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: workqueues (Linux 6.1 include/linux/workqueue.h). Work runs in
 * process context on ksim's kworker tasks and may sleep. The structures
 * are in ksim/deferred_abi.h; inline wrappers and macros as in Linux, the
 * rest exported.
 */
#ifndef _LINUX_WORKQUEUE_H
#define _LINUX_WORKQUEUE_H

#include <ksim/deferred_abi.h>
#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/container_of.h>
#include <linux/list.h>
#include <linux/timer.h>

enum {
	WORK_STRUCT_PENDING_BIT = 0,
	WORK_STRUCT_PENDING = 1 << WORK_STRUCT_PENDING_BIT,
	WORK_CPU_UNBOUND = CONFIG_NR_CPUS,
};

#define work_data_bits(work) ((unsigned long *)(&(work)->data))
#define WORK_DATA_INIT() ATOMIC_LONG_INIT(0)
#define WORK_DATA_STATIC_INIT() ATOMIC_LONG_INIT(0)

#define __WORK_INITIALIZER(n, f)                                               \
	{                                                                      \
		.data = WORK_DATA_STATIC_INIT(),                               \
		.entry = { &(n).entry, &(n).entry }, .func = (f),              \
	}

void delayed_work_timer_fn(struct timer_list *t);

#define __DELAYED_WORK_INITIALIZER(n, f, tflags)                               \
	{                                                                      \
		.work = __WORK_INITIALIZER((n).work, (f)),                     \
		.timer = __TIMER_INITIALIZER(delayed_work_timer_fn,            \
					     (tflags) | TIMER_IRQSAFE),        \
	}

#define DECLARE_WORK(n, f) struct work_struct n = __WORK_INITIALIZER(n, f)
#define DECLARE_DELAYED_WORK(n, f)                                             \
	struct delayed_work n = __DELAYED_WORK_INITIALIZER(n, f, 0)
#define DECLARE_DEFERRABLE_WORK(n, f)                                          \
	struct delayed_work n = __DELAYED_WORK_INITIALIZER(n, f, TIMER_DEFERRABLE)

static inline struct delayed_work *to_delayed_work(struct work_struct *work)
{
	return container_of(work, struct delayed_work, work);
}

#define __INIT_WORK(_work, _func, _onstack)                                    \
	do {                                                                   \
		(_work)->data = (atomic_long_t)WORK_DATA_INIT();               \
		INIT_LIST_HEAD(&(_work)->entry);                               \
		(_work)->func = (_func);                                       \
	} while (0)

#define INIT_WORK(_work, _func) __INIT_WORK((_work), (_func), 0)
#define INIT_WORK_ONSTACK(_work, _func) __INIT_WORK((_work), (_func), 1)

#define __INIT_DELAYED_WORK(_work, _func, _tflags)                             \
	do {                                                                   \
		INIT_WORK(&(_work)->work, (_func));                            \
		__init_timer(&(_work)->timer, delayed_work_timer_fn,           \
			     (_tflags) | TIMER_IRQSAFE);                       \
	} while (0)

#define INIT_DELAYED_WORK(_work, _func) __INIT_DELAYED_WORK(_work, _func, 0)
#define INIT_DELAYED_WORK_ONSTACK(_work, _func) __INIT_DELAYED_WORK(_work, _func, 0)
#define INIT_DEFERRABLE_WORK(_work, _func)                                     \
	__INIT_DELAYED_WORK(_work, _func, TIMER_DEFERRABLE)

#define work_pending(work) test_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(work))
#define delayed_work_pending(w) work_pending(&(w)->work)

enum {
	WQ_UNBOUND = 1 << 1,
	WQ_FREEZABLE = 1 << 2,
	WQ_MEM_RECLAIM = 1 << 3,
	WQ_HIGHPRI = 1 << 4,
	WQ_CPU_INTENSIVE = 1 << 5,
	WQ_SYSFS = 1 << 6,
	WQ_POWER_EFFICIENT = 1 << 7,

	__WQ_DRAINING = 1 << 16,
	__WQ_ORDERED = 1 << 17,
	__WQ_LEGACY = 1 << 18,
	__WQ_ORDERED_EXPLICIT = 1 << 19,

	WQ_MAX_ACTIVE = 512,
	WQ_MAX_UNBOUND_PER_CPU = 4,
	WQ_DFL_ACTIVE = WQ_MAX_ACTIVE / 2,
};

extern struct workqueue_struct *system_wq;
extern struct workqueue_struct *system_highpri_wq;
extern struct workqueue_struct *system_long_wq;
extern struct workqueue_struct *system_unbound_wq;

__printf(1, 4) struct workqueue_struct *
alloc_workqueue(const char *fmt, unsigned int flags, int max_active, ...);

#define alloc_ordered_workqueue(fmt, flags, args...)                           \
	alloc_workqueue(fmt, WQ_UNBOUND | __WQ_ORDERED | __WQ_ORDERED_EXPLICIT | (flags), 1, ##args)

#define create_workqueue(name)                                                 \
	alloc_workqueue("%s", __WQ_LEGACY | WQ_MEM_RECLAIM, 1, (name))
#define create_freezable_workqueue(name)                                       \
	alloc_workqueue("%s", __WQ_LEGACY | WQ_FREEZABLE | WQ_UNBOUND | WQ_MEM_RECLAIM, 1, (name))
#define create_singlethread_workqueue(name)                                    \
	alloc_ordered_workqueue("%s", __WQ_LEGACY | WQ_MEM_RECLAIM, name)

extern void destroy_workqueue(struct workqueue_struct *wq);

extern bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work);
extern bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq,
				  struct delayed_work *work, unsigned long delay);
extern bool mod_delayed_work_on(int cpu, struct workqueue_struct *wq,
				struct delayed_work *dwork, unsigned long delay);

extern void __flush_workqueue(struct workqueue_struct *wq);
extern void drain_workqueue(struct workqueue_struct *wq);

extern bool flush_work(struct work_struct *work);
extern bool cancel_work(struct work_struct *work);
extern bool cancel_work_sync(struct work_struct *work);

extern bool flush_delayed_work(struct delayed_work *dwork);
extern bool cancel_delayed_work(struct delayed_work *dwork);
extern bool cancel_delayed_work_sync(struct delayed_work *dwork);

/*
 * Linux has these as static inline functions; macros here, so that the
 * exported call sits on the module's own line and ksim's findings can name
 * where the work was queued.
 */
#define queue_work(wq, work) queue_work_on(WORK_CPU_UNBOUND, (wq), (work))
#define queue_delayed_work(wq, dwork, delay)                                   \
	queue_delayed_work_on(WORK_CPU_UNBOUND, (wq), (dwork), (delay))
#define mod_delayed_work(wq, dwork, delay)                                     \
	mod_delayed_work_on(WORK_CPU_UNBOUND, (wq), (dwork), (delay))
#define schedule_work_on(cpu, work) queue_work_on((cpu), system_wq, (work))
#define schedule_work(work) queue_work_on(WORK_CPU_UNBOUND, system_wq, (work))
#define schedule_delayed_work_on(cpu, dwork, delay)                            \
	queue_delayed_work_on((cpu), system_wq, (dwork), (delay))
#define schedule_delayed_work(dwork, delay)                                    \
	queue_delayed_work_on(WORK_CPU_UNBOUND, system_wq, (dwork), (delay))

/* Linux 6.1 warns at build time about flushing the system queues; ksim does not. */
#define flush_workqueue(wq) __flush_workqueue(wq)
#define flush_scheduled_work() __flush_workqueue(system_wq)

#endif /* _LINUX_WORKQUEUE_H */
