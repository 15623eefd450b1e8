/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ksim: integer base-2 logarithms and power-of-two rounding. ilog2() and
 * friends fold to constants for constant arguments, so they can size
 * arrays, as in Linux.
 */
#ifndef _LINUX_LOG2_H
#define _LINUX_LOG2_H

#include <linux/types.h>

/* Floor of log2(n); undefined for n == 0 (like Linux's __ilog2_*). */
static inline __attribute__((const)) int __ilog2_u32(u32 n)
{
	return 31 - __builtin_clz(n);
}

static inline __attribute__((const)) int __ilog2_u64(u64 n)
{
	return 63 - __builtin_clzll(n);
}

static inline __attribute__((const)) bool is_power_of_2(unsigned long n)
{
	return n != 0 && ((n & (n - 1)) == 0);
}

/* Smallest power of two >= n (n >= 1). */
static inline __attribute__((const)) unsigned long __roundup_pow_of_two(unsigned long n)
{
	return n <= 1 ? 1UL : 1UL << (64 - __builtin_clzl(n - 1));
}

/* Largest power of two <= n (n >= 1). */
static inline __attribute__((const)) unsigned long __rounddown_pow_of_two(unsigned long n)
{
	return 1UL << (63 - __builtin_clzl(n));
}

/* The constant-folding form; -1 for 0, as the kernel's const_ilog2. */
#define const_ilog2(n)                                                         \
	((n) < 2 ? ((n) < 1 ? -1 : 0) : 63 - __builtin_clzll((unsigned long long)(n)))

#define ilog2(n)                                                               \
	(__builtin_constant_p(n) ? ((n) < 2 ? 0 : const_ilog2(n))              \
	 : (sizeof(n) <= 4) ? __ilog2_u32(n)                                   \
			    : __ilog2_u64(n))

#define roundup_pow_of_two(n)                                                  \
	(__builtin_constant_p(n)                                               \
		 ? (((n) == 1) ? 1 : (1UL << (ilog2((n) - 1) + 1)))            \
		 : __roundup_pow_of_two(n))

#define rounddown_pow_of_two(n)                                                \
	(__builtin_constant_p(n) ? (1UL << ilog2(n)) : __rounddown_pow_of_two(n))

static inline __attribute__((const)) int __order_base_2(unsigned long n)
{
	return n > 1 ? ilog2(n - 1) + 1 : 0;
}

/* Ceiling of log2(n); 0 for n <= 1. */
#define order_base_2(n)                                                        \
	(__builtin_constant_p(n) ? (((n) == 0 || (n) == 1) ? 0 : ilog2((n) - 1) + 1) \
				 : __order_base_2(n))

static inline __attribute__((const)) int __bits_per(unsigned long n)
{
	if (n < 2)
		return 1;
	if (is_power_of_2(n))
		return order_base_2(n) + 1;
	return order_base_2(n);
}

/* Number of bits needed to hold n. */
#define bits_per(n)                                                            \
	(__builtin_constant_p(n) ? (((n) == 0 || (n) == 1) ? 1 : ilog2(n) + 1) \
				 : __bits_per(n))

#endif /* _LINUX_LOG2_H */
