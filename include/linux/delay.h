/* SPDX-License-Identifier: GPL-2.0 */
/* Delays: msleep() and friends sleep (and are checked for atomic context);
 * udelay() and friends busy-wait. */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H

extern void msleep(unsigned int msecs);
extern unsigned long msleep_interruptible(unsigned int msecs);
extern void usleep_range_state(unsigned long min, unsigned long max, unsigned int state);
#define usleep_range(min, max) usleep_range_state(min, max, 2)
extern void __udelay(unsigned long usecs);
extern void __ndelay(unsigned long nsecs);
#define udelay(n) __udelay(n)
#define ndelay(n) __ndelay(n)
#define mdelay(n) __udelay((n) * 1000UL)

static inline void ssleep(unsigned int seconds)
{
	msleep(seconds * 1000);
}

static inline void fsleep(unsigned long usecs)
{
	if (usecs <= 10)
		udelay(usecs);
	else if (usecs <= 20000)
		usleep_range(usecs, 2 * usecs);
	else
		msleep((usecs + 999) / 1000);
}

#endif /* _LINUX_DELAY_H */
