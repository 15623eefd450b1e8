/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: min/max/clamp with the kernel's signedness checks, and swap().
 * Each argument is evaluated once. min()/max()/clamp() refuse (at compile
 * time) to compare a signed with an unsigned operand unless the signed one
 * is a constant known to be non-negative; unsigned types narrower than int
 * promote to int and are accepted either way. This follows the 6.1.y
 * stable kernel the Debian oracle runs.
 */
#ifndef _LINUX_MINMAX_H
#define _LINUX_MINMAX_H

#include <linux/build_bug.h>
#include <linux/compiler.h>
#include <linux/const.h>
#include <linux/types.h>

/* Nonzero; warns "comparison of distinct pointer types" when x and y differ. */
#define __typecheck(x, y) (!!(sizeof((typeof(x) *)1 == (typeof(y) *)1)))

/*
 * Which comparisons a value may take part in: bit 0 = unsigned ones,
 * bit 1 = signed ones. Signed values qualify for unsigned comparisons only
 * when statically non-negative.
 */
#define __ksim_nonneg(v) statically_true((long long)(v) >= 0)
#define __ksim_sign_use(v)                                                     \
	(is_signed_type(typeof(v)) ? (2 + __ksim_nonneg(v))                    \
				   : (1 + 2 * (sizeof(v) < 4)))
#define __ksim_types_ok(a, b) (__ksim_sign_use(a) & __ksim_sign_use(b))
#define __ksim_types_ok3(a, b, c)                                              \
	(__ksim_sign_use(a) & __ksim_sign_use(b) & __ksim_sign_use(c))

#define __ksim_lt_min <
#define __ksim_lt_max >
#define __cmp(op, x, y) ((x)__ksim_lt_##op(y) ? (x) : (y))

#define __ksim_cmp_typed(op, type, x, y, vx, vy)                               \
	({                                                                     \
		type vx = (x);                                                 \
		type vy = (y);                                                 \
		__cmp(op, vx, vy);                                             \
	})

#define __ksim_cmp_checked(op, x, y, vx, vy)                                   \
	({                                                                     \
		__auto_type vx = (x);                                          \
		__auto_type vy = (y);                                          \
		BUILD_BUG_ON_MSG(!__ksim_types_ok(vx, vy),                     \
				 #op "(" #x ", " #y ") signedness error");     \
		__cmp(op, vx, vy);                                             \
	})

#define __ksim_cmp3_checked(op, x, y, z, vx, vy, vz)                           \
	({                                                                     \
		__auto_type vx = (x);                                          \
		__auto_type vy = (y);                                          \
		__auto_type vz = (z);                                          \
		BUILD_BUG_ON_MSG(!__ksim_types_ok3(vx, vy, vz),                \
				 #op "3(" #x ", " #y ", " #z ") signedness error"); \
		__cmp(op, vx, __cmp(op, vy, vz));                              \
	})

#define min(x, y) __ksim_cmp_checked(min, x, y, __UNIQUE_ID(x_), __UNIQUE_ID(y_))
#define max(x, y) __ksim_cmp_checked(max, x, y, __UNIQUE_ID(x_), __UNIQUE_ID(y_))

/* Both treated as unsigned (negative values become huge). */
#define umin(x, y) min((x) + 0u + 0ul + 0ull, (y) + 0u + 0ul + 0ull)
#define umax(x, y) max((x) + 0u + 0ul + 0ull, (y) + 0u + 0ul + 0ull)

#define min3(x, y, z)                                                          \
	__ksim_cmp3_checked(min, x, y, z, __UNIQUE_ID(x_), __UNIQUE_ID(y_), __UNIQUE_ID(z_))
#define max3(x, y, z)                                                          \
	__ksim_cmp3_checked(max, x, y, z, __UNIQUE_ID(x_), __UNIQUE_ID(y_), __UNIQUE_ID(z_))

/* Compared after converting both to `type`; no signedness check. */
#define min_t(type, x, y) __ksim_cmp_typed(min, type, x, y, __UNIQUE_ID(x_), __UNIQUE_ID(y_))
#define max_t(type, x, y) __ksim_cmp_typed(max, type, x, y, __UNIQUE_ID(x_), __UNIQUE_ID(y_))

/* The smaller value that is not zero; zero only when both are. */
#define min_not_zero(x, y)                                                     \
	({                                                                     \
		typeof(x) __ksim_mx = (x);                                     \
		typeof(y) __ksim_my = (y);                                     \
		__ksim_mx == 0 ? __ksim_my                                     \
			       : ((__ksim_my == 0) ? __ksim_mx : min(__ksim_mx, __ksim_my)); \
	})

#define __clamp(val, lo, hi) ((val) >= (hi) ? (hi) : ((val) <= (lo) ? (lo) : (val)))

#define __ksim_clamp(type, val, lo, hi, vv, vl, vh)                            \
	({                                                                     \
		type vv = (val);                                               \
		type vl = (lo);                                                \
		type vh = (hi);                                                \
		BUILD_BUG_ON_MSG(statically_true(vl > vh),                     \
				 "clamp() low limit " #lo                      \
				 " greater than high limit " #hi);             \
		BUILD_BUG_ON_MSG(!__ksim_types_ok3(vv, vl, vh),                \
				 "clamp(" #val ", " #lo ", " #hi ") signedness error"); \
		__clamp(vv, vl, vh);                                           \
	})

#define __careful_clamp(type, val, lo, hi)                                     \
	__ksim_clamp(type, val, lo, hi, __UNIQUE_ID(v_), __UNIQUE_ID(l_), __UNIQUE_ID(h_))

#define clamp(val, lo, hi) __careful_clamp(__auto_type, val, lo, hi)
#define clamp_t(type, val, lo, hi) __careful_clamp(type, val, lo, hi)
#define clamp_val(val, lo, hi) __careful_clamp(typeof(val), val, lo, hi)

/* Minimum or maximum of the first len elements of an array or pointer. */
#define __minmax_array(op, array, len)                                         \
	({                                                                     \
		typeof(&(array)[0]) __ksim_arr = (array);                      \
		typeof(len) __ksim_n = (len);                                  \
		__unqual_scalar_typeof(__ksim_arr[0]) __ksim_best = __ksim_arr[--__ksim_n]; \
		while (__ksim_n--)                                             \
			__ksim_best = op(__ksim_best, __ksim_arr[__ksim_n]);   \
		__ksim_best;                                                   \
	})
#define min_array(array, len) __minmax_array(min, array, len)
#define max_array(array, len) __minmax_array(max, array, len)

static inline bool in_range64(u64 val, u64 start, u64 len)
{
	return (val - start) < len;
}

static inline bool in_range32(u32 val, u32 start, u32 len)
{
	return (val - start) < len;
}

/* start <= val < start + len, computed without overflow. */
#define in_range(val, start, len)                                              \
	((sizeof(start) | sizeof(len) | sizeof(val)) <= sizeof(u32)            \
		 ? in_range32(val, start, len)                                 \
		 : in_range64(val, start, len))

/* Exchanges two lvalues of the same type. */
#define swap(a, b)                                                             \
	do {                                                                   \
		typeof(a) __ksim_swap_tmp = (a);                               \
		(a) = (b);                                                     \
		(b) = __ksim_swap_tmp;                                         \
	} while (0)

/* Unchecked forms for constant expressions (arguments may be evaluated twice). */
#define MIN(a, b) __cmp(min, a, b)
#define MAX(a, b) __cmp(max, a, b)
#define MIN_T(type, a, b) __cmp(min, (type)(a), (type)(b))
#define MAX_T(type, a, b) __cmp(max, (type)(a), (type)(b))

#endif /* _LINUX_MINMAX_H */
