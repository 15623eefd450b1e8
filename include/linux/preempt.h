/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Preemption and atomic context for ksim. The count lives in ksim's task
 * record and is kept by the exported functions below, so in_atomic() and
 * the sleep checks see what spinlocks and preempt_disable() did.
 */
#ifndef _LINUX_PREEMPT_H
#define _LINUX_PREEMPT_H

#define PREEMPT_BITS 8
#define SOFTIRQ_BITS 8
#define HARDIRQ_BITS 4
#define PREEMPT_SHIFT 0
#define SOFTIRQ_SHIFT (PREEMPT_SHIFT + PREEMPT_BITS)
#define HARDIRQ_SHIFT (SOFTIRQ_SHIFT + SOFTIRQ_BITS)
#define PREEMPT_OFFSET (1UL << PREEMPT_SHIFT)
#define SOFTIRQ_OFFSET (1UL << SOFTIRQ_SHIFT)
#define HARDIRQ_OFFSET (1UL << HARDIRQ_SHIFT)
#define PREEMPT_MASK (((1UL << PREEMPT_BITS) - 1) << PREEMPT_SHIFT)
#define SOFTIRQ_MASK (((1UL << SOFTIRQ_BITS) - 1) << SOFTIRQ_SHIFT)
#define HARDIRQ_MASK (((1UL << HARDIRQ_BITS) - 1) << HARDIRQ_SHIFT)

extern int preempt_count(void);
extern void preempt_count_add(int val);
extern void preempt_count_sub(int val);

#define preempt_disable() preempt_count_add(1)
#define preempt_enable() preempt_count_sub(1)
#define preempt_enable_no_resched() preempt_count_sub(1)
#define preempt_disable_notrace() preempt_count_add(1)
#define preempt_enable_notrace() preempt_count_sub(1)

#define in_atomic() (preempt_count() != 0)
#define in_interrupt() (preempt_count() & (HARDIRQ_MASK | SOFTIRQ_MASK))
#define in_irq() (preempt_count() & HARDIRQ_MASK)
#define in_hardirq() (preempt_count() & HARDIRQ_MASK)
#define in_softirq() (preempt_count() & SOFTIRQ_MASK)
#define in_serving_softirq() (preempt_count() & SOFTIRQ_OFFSET)
#define in_task() (!(preempt_count() & (HARDIRQ_MASK | SOFTIRQ_OFFSET)))
#define preemptible() (preempt_count() == 0 && !irqs_disabled())

#include <linux/irqflags.h>

#endif /* _LINUX_PREEMPT_H */
