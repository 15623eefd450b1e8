/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: the headers that Linux 6.1's <linux/module.h> (through kobject.h,
 * percpu.h, ...) and <linux/sched.h> make visible without being included
 * by name. Real modules rely on that: a source that includes only
 * module.h may use spin_lock(), mutex_lock(), wait_event(), jiffies,
 * BUG_ON() or atomic_inc(). These headers belong to other parts of ksim,
 * so each is included only if it exists. Measured against the Debian
 * headers: kmalloc/kfree, msleep/udelay, copy_to_user, file_operations,
 * signal_pending and the chardev API are NOT visible through module.h.
 */
#ifndef _KSIM_MODULE_INCLUDES_H
#define _KSIM_MODULE_INCLUDES_H

#if __has_include(<linux/bug.h>)
#include <linux/bug.h>
#endif
#if __has_include(<linux/bitops.h>)
#include <linux/bitops.h>
#endif
#if __has_include(<linux/bitmap.h>)
#include <linux/bitmap.h>
#endif
#if __has_include(<linux/atomic.h>)
#include <linux/atomic.h>
#endif
#if __has_include(<linux/irqflags.h>)
#include <linux/irqflags.h>
#endif
#if __has_include(<linux/preempt.h>)
#include <linux/preempt.h>
#endif
#if __has_include(<linux/smp.h>)
#include <linux/smp.h>
#endif
#if __has_include(<linux/percpu.h>)
#include <linux/percpu.h>
#endif
#if __has_include(<linux/spinlock.h>)
#include <linux/spinlock.h>
#endif
#if __has_include(<linux/mutex.h>)
#include <linux/mutex.h>
#endif
#if __has_include(<linux/rwsem.h>)
#include <linux/rwsem.h>
#endif
#if __has_include(<linux/jiffies.h>)
#include <linux/jiffies.h>
#endif
#if __has_include(<linux/ktime.h>)
#include <linux/ktime.h>
#endif
#if __has_include(<linux/timer.h>)
#include <linux/timer.h>
#endif
#if __has_include(<linux/wait.h>)
#include <linux/wait.h>
#endif
#if __has_include(<linux/completion.h>)
#include <linux/completion.h>
#endif
#if __has_include(<linux/workqueue.h>)
#include <linux/workqueue.h>
#endif
#if __has_include(<linux/rcupdate.h>)
#include <linux/rcupdate.h>
#endif
#if __has_include(<linux/kref.h>)
#include <linux/kref.h>
#endif
#if __has_include(<linux/refcount.h>)
#include <linux/refcount.h>
#endif
#if __has_include(<linux/kobject.h>)
#include <linux/kobject.h>
#endif
#if __has_include(<linux/sysfs.h>)
#include <linux/sysfs.h>
#endif

#endif /* _KSIM_MODULE_INCLUDES_H */
