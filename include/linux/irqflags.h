/* SPDX-License-Identifier: GPL-2.0 */
/* Interrupt disabling for ksim: a per-task flag the sleep checks read. */
#ifndef _LINUX_IRQFLAGS_H
#define _LINUX_IRQFLAGS_H

extern unsigned long arch_local_irq_save(void);
extern void arch_local_irq_restore(unsigned long flags);
extern int irqs_disabled(void);

#define local_irq_save(flags) do { (flags) = arch_local_irq_save(); } while (0)
#define local_irq_restore(flags) arch_local_irq_restore(flags)
#define local_irq_disable() ((void)arch_local_irq_save())
/* 0x200: X86_EFLAGS_IF, the interrupt flag set again. */
#define local_irq_enable() arch_local_irq_restore(0x200)
#define raw_local_irq_save(flags) local_irq_save(flags)
#define raw_local_irq_restore(flags) local_irq_restore(flags)

extern void local_bh_disable(void);
extern void local_bh_enable(void);

#endif /* _LINUX_IRQFLAGS_H */
