/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The deferred-work structures that modules embed and ksim's timer,
 * tasklet and workqueue code (src/api/timer.cpp, tasklet.cpp,
 * workqueue.cpp, src/kernel/softirq.cpp, workqueues.cpp) reads: one layout
 * for the C headers (linux/timer.h, interrupt.h, workqueue.h) and ksim's
 * C++. Linux 6.1 member names and layouts (without lockdep maps).
 */
#ifndef _KSIM_DEFERRED_ABI_H
#define _KSIM_DEFERRED_ABI_H

#include "abi.h"

#ifdef __cplusplus
#include <cstdint>
extern "C" {
/* ksim's C++ does not see linux/types.h: the same layouts. */
struct hlist_node {
	struct hlist_node *next, **pprev;
};
typedef struct {
	int counter;
} atomic_t;
typedef struct {
	int64_t counter;
} atomic64_t;
typedef atomic64_t atomic_long_t;
#else
#include "../linux/types.h"
#endif

/* include/linux/timer.h */
struct timer_list {
	/* pprev is non-NULL while the timer is pending (timer_pending()). */
	struct hlist_node entry;
	unsigned long expires;
	void (*function)(struct timer_list *);
	unsigned int flags;
};

/* include/linux/interrupt.h */
struct tasklet_struct {
	struct tasklet_struct *next;
	unsigned long state;
	atomic_t count;
	bool use_callback;
	union {
		void (*func)(unsigned long data);
		void (*callback)(struct tasklet_struct *t);
	};
	unsigned long data;
};

/* include/linux/workqueue.h */
struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);

struct work_struct {
	/* Bit 0 (WORK_STRUCT_PENDING) is set while the work is queued. */
	atomic_long_t data;
	struct list_head entry;
	work_func_t func;
};

struct workqueue_struct;

struct delayed_work {
	struct work_struct work;
	struct timer_list timer;
	struct workqueue_struct *wq;
	int cpu;
};

#ifdef __cplusplus
}
#endif

#endif /* _KSIM_DEFERRED_ABI_H */
