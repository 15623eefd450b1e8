/* SPDX-License-Identifier: GPL-2.0 */
/* ksim: integer rounding and division helpers, abs(), int_sqrt(). */
#ifndef _LINUX_MATH_H
#define _LINUX_MATH_H

#include <linux/types.h>
#include <uapi/linux/const.h>

/* x rounded up/down to a multiple of y, y a power of two. */
#define __round_mask(x, y) ((__typeof__(x))((y) - 1))
#define round_up(x, y) ((((x) - 1) | __round_mask(x, y)) + 1)
#define round_down(x, y) ((x) & ~__round_mask(x, y))

/* The same for any y > 0. */
#define roundup(x, y)                                                          \
	({                                                                     \
		typeof(y) __ksim_y = y;                                        \
		(((x) + (__ksim_y - 1)) / __ksim_y) * __ksim_y;                \
	})
#define rounddown(x, y)                                                        \
	({                                                                     \
		typeof(x) __ksim_x = (x);                                      \
		__ksim_x - (__ksim_x % (y));                                   \
	})

#define DIV_ROUND_UP __KERNEL_DIV_ROUND_UP
#define DIV_ROUND_DOWN_ULL(ll, d)                                              \
	({                                                                     \
		unsigned long long _tmp = (ll);                                \
		_tmp / (d);                                                    \
	})
#define DIV_ROUND_UP_ULL(ll, d) DIV_ROUND_DOWN_ULL((unsigned long long)(ll) + (d) - 1, (d))
#define DIV_ROUND_UP_SECTOR_T(ll, d) DIV_ROUND_UP_ULL(ll, d)

/* x / divisor rounded to the nearest integer; ties away from zero. */
#define DIV_ROUND_CLOSEST(x, divisor)                                          \
	({                                                                     \
		typeof(x) __ksim_x = x;                                        \
		typeof(divisor) __ksim_d = divisor;                            \
		(((typeof(x))-1) > 0 || ((typeof(divisor))-1) > 0 ||           \
		 (((__ksim_x) > 0) == ((__ksim_d) > 0)))                       \
			? (((__ksim_x) + ((__ksim_d) / 2)) / (__ksim_d))       \
			: (((__ksim_x) - ((__ksim_d) / 2)) / (__ksim_d));      \
	})
#define DIV_ROUND_CLOSEST_ULL(x, divisor)                                      \
	({                                                                     \
		typeof(divisor) __ksim_d = divisor;                            \
		unsigned long long _tmp = (x) + (__ksim_d) / 2;                \
		_tmp / __ksim_d;                                               \
	})

/* x * numer / denom without overflowing the intermediate product. */
#define mult_frac(x, numer, denom)                                             \
	({                                                                     \
		typeof(x) __ksim_q = (x) / (denom);                            \
		typeof(x) __ksim_r = (x) % (denom);                            \
		(__ksim_q * (numer)) + ((__ksim_r * (numer)) / (denom));       \
	})

#define sector_div(a, b) do_div(a, b)

/*
 * abs(x) for any signed or unsigned integer type up to long long; the
 * result has x's type (char and short promote to int).
 */
#define __abs_choose_expr(x, type, other)                                      \
	__builtin_choose_expr(__builtin_types_compatible_p(typeof(x), signed type) || \
				      __builtin_types_compatible_p(typeof(x), unsigned type), \
			      ({                                               \
				      signed type __x = (x);                   \
				      __x < 0 ? -__x : __x;                    \
			      }),                                              \
			      other)
#define abs(x)                                                                 \
	__abs_choose_expr(x, long long,                                        \
	__abs_choose_expr(x, long,                                             \
	__abs_choose_expr(x, int,                                              \
	__abs_choose_expr(x, short,                                            \
	__abs_choose_expr(x, char,                                             \
	__builtin_choose_expr(__builtin_types_compatible_p(typeof(x), char),   \
			      (char)({                                         \
				      signed char __x = (x);                   \
				      __x < 0 ? -__x : __x;                    \
			      }),                                              \
			      ((void)0)))))))

/* |a - b| without overflow for same-typed operands. */
#define abs_diff(a, b)                                                         \
	({                                                                     \
		typeof(a) __ksim_a = (a);                                      \
		typeof(b) __ksim_b = (b);                                      \
		(void)(&__ksim_a == &__ksim_b);                                \
		__ksim_a > __ksim_b ? (__ksim_a - __ksim_b) : (__ksim_b - __ksim_a); \
	})

/* Mixes a value into a 32-bit hash-like result, as in lib/math. */
static inline u32 reciprocal_scale(u32 val, u32 ep_ro)
{
	return (u32)(((u64)val * ep_ro) >> 32);
}

/* base to the power exp, wrapping on overflow (lib/math/int_pow.c). */
u64 int_pow(u64 base, unsigned int exp);

/* Exported by ksim (lib/math/int_sqrt.c). */
unsigned long int_sqrt(unsigned long x);
static inline u32 int_sqrt64(u64 x)
{
	return (u32)int_sqrt((unsigned long)x);
}

#endif /* _LINUX_MATH_H */
