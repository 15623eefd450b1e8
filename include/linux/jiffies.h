/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: the tick counter and its conversions (Linux 6.1
 * include/linux/jiffies.h, HZ=250 as Debian). jiffies and jiffies_64 are
 * exported variables that ksim's softirq thread advances every tick; the
 * conversions that Linux keeps inline are inline here, the rest exported.
 */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H

#include <linux/types.h>
#include <linux/limits.h>
#include <linux/typecheck.h>
#include <asm/param.h>

extern u64 jiffies_64;
extern unsigned long volatile jiffies;

/* 64-bit: one load is atomic. */
static inline u64 get_jiffies_64(void)
{
	return (u64)jiffies;
}

/* Five minutes before the 32-bit wrap, so that wrap bugs show early. */
#define INITIAL_JIFFIES ((unsigned long)(unsigned int)(-300 * HZ))

#define time_after(a, b)                                                       \
	(typecheck(unsigned long, a) && typecheck(unsigned long, b) &&         \
	 ((long)((b) - (a)) < 0))
#define time_before(a, b) time_after(b, a)
#define time_after_eq(a, b)                                                    \
	(typecheck(unsigned long, a) && typecheck(unsigned long, b) &&         \
	 ((long)((a) - (b)) >= 0))
#define time_before_eq(a, b) time_after_eq(b, a)
#define time_in_range(a, b, c) (time_after_eq(a, b) && time_before_eq(a, c))
#define time_in_range_open(a, b, c) (time_after_eq(a, b) && time_before(a, c))

#define time_after64(a, b)                                                     \
	(typecheck(__u64, a) && typecheck(__u64, b) && ((__s64)((b) - (a)) < 0))
#define time_before64(a, b) time_after64(b, a)
#define time_after_eq64(a, b)                                                  \
	(typecheck(__u64, a) && typecheck(__u64, b) && ((__s64)((a) - (b)) >= 0))
#define time_before_eq64(a, b) time_after_eq64(b, a)

#define time_is_before_jiffies(a) time_after(jiffies, a)
#define time_is_after_jiffies(a) time_before(jiffies, a)
#define time_is_before_eq_jiffies(a) time_after_eq(jiffies, a)
#define time_is_after_eq_jiffies(a) time_before_eq(jiffies, a)

#define MAX_JIFFY_OFFSET ((LONG_MAX >> 1) - 1)

#ifndef MSEC_PER_SEC
#define MSEC_PER_SEC 1000L
#define USEC_PER_MSEC 1000L
#define USEC_PER_SEC 1000000L
#define NSEC_PER_USEC 1000L
#define NSEC_PER_MSEC 1000000L
#define NSEC_PER_SEC 1000000000L
#endif

extern unsigned int jiffies_to_msecs(const unsigned long j);
extern unsigned int jiffies_to_usecs(const unsigned long j);
extern u64 jiffies64_to_nsecs(u64 j);
extern u64 jiffies64_to_msecs(u64 j);
extern unsigned long __msecs_to_jiffies(const unsigned int m);
extern unsigned long __usecs_to_jiffies(const unsigned int u);
extern unsigned long nsecs_to_jiffies(u64 n);
extern u64 nsecs_to_jiffies64(u64 n);
extern unsigned long round_jiffies(unsigned long j);
extern unsigned long round_jiffies_relative(unsigned long j);
extern unsigned long round_jiffies_up(unsigned long j);
extern unsigned long round_jiffies_up_relative(unsigned long j);

static inline u64 jiffies_to_nsecs(const unsigned long j)
{
	return (u64)jiffies_to_usecs(j) * NSEC_PER_USEC;
}

/* HZ divides 1000: round up to whole ticks. */
static inline unsigned long _msecs_to_jiffies(const unsigned int m)
{
	return (m + (MSEC_PER_SEC / HZ) - 1) / (MSEC_PER_SEC / HZ);
}

static __always_inline unsigned long msecs_to_jiffies(const unsigned int m)
{
	if (__builtin_constant_p(m)) {
		if ((int)m < 0)
			return MAX_JIFFY_OFFSET;
		return _msecs_to_jiffies(m);
	}
	return __msecs_to_jiffies(m);
}

static inline unsigned long _usecs_to_jiffies(const unsigned int u)
{
	return (u + (USEC_PER_SEC / HZ) - 1) / (USEC_PER_SEC / HZ);
}

static __always_inline unsigned long usecs_to_jiffies(const unsigned int u)
{
	if (__builtin_constant_p(u)) {
		if (u > jiffies_to_usecs(MAX_JIFFY_OFFSET))
			return MAX_JIFFY_OFFSET;
		return _usecs_to_jiffies(u);
	}
	return __usecs_to_jiffies(u);
}

#endif /* _LINUX_JIFFIES_H */
