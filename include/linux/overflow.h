/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * ksim: arithmetic with overflow detection. check_*_overflow() store the
 * wrapped result and return true on overflow; size_mul() and friends
 * saturate at SIZE_MAX so that an overflowing size makes the allocation
 * fail instead of being too small.
 */
#ifndef __LINUX_OVERFLOW_H
#define __LINUX_OVERFLOW_H

#include <linux/compiler.h>
#include <linux/limits.h>
#include <linux/const.h>

/* The largest and smallest value of the type of x (any integer type). */
#define __type_half_max(type) ((type)1 << (8 * sizeof(type) - 1 - is_signed_type(type)))
#define type_max(T) ((T)((__type_half_max(T) - 1) + __type_half_max(T)))
#define type_min(T) ((T)((T)-type_max(T) - (T)1))

/* Overflow checks; a, b and *d must have the same type. */
#define check_add_overflow(a, b, d)                                            \
	__must_check_overflow(({                                               \
		typeof(a) __ksim_a = (a);                                      \
		typeof(b) __ksim_b = (b);                                      \
		typeof(d) __ksim_d = (d);                                      \
		(void)(&__ksim_a == &__ksim_b);                                \
		(void)(&__ksim_a == __ksim_d);                                 \
		__builtin_add_overflow(__ksim_a, __ksim_b, __ksim_d);          \
	}))

#define check_sub_overflow(a, b, d)                                            \
	__must_check_overflow(({                                               \
		typeof(a) __ksim_a = (a);                                      \
		typeof(b) __ksim_b = (b);                                      \
		typeof(d) __ksim_d = (d);                                      \
		(void)(&__ksim_a == &__ksim_b);                                \
		(void)(&__ksim_a == __ksim_d);                                 \
		__builtin_sub_overflow(__ksim_a, __ksim_b, __ksim_d);          \
	}))

#define check_mul_overflow(a, b, d)                                            \
	__must_check_overflow(({                                               \
		typeof(a) __ksim_a = (a);                                      \
		typeof(b) __ksim_b = (b);                                      \
		typeof(d) __ksim_d = (d);                                      \
		(void)(&__ksim_a == &__ksim_b);                                \
		(void)(&__ksim_a == __ksim_d);                                 \
		__builtin_mul_overflow(__ksim_a, __ksim_b, __ksim_d);          \
	}))

/* Makes an ignored overflow result a -Wunused-result warning. */
static inline bool __must_check __must_check_overflow(bool overflow)
{
	return unlikely(overflow);
}

/* a << s into *d; true (and *d undefined-safe) when bits would be lost. */
#define check_shl_overflow(a, s, d)                                            \
	__must_check_overflow(({                                               \
		typeof(a) _a = a;                                              \
		typeof(s) _s = s;                                              \
		typeof(d) _d = d;                                              \
		u64 _a_full = _a;                                              \
		unsigned int _to_shift = is_non_negative(_s) && _s < 8 * sizeof(*d) ? _s : 0; \
		*_d = (_a_full << _to_shift);                                  \
		(_to_shift != _s || is_negative(*_d) || is_negative(_a) ||     \
		 (*_d >> _to_shift) != _a);                                    \
	}))

#define is_non_negative(a) ((a) > 0 || (a) == 0)
#define is_negative(a) (!(is_non_negative(a)))

/* Saturating size arithmetic: SIZE_MAX on overflow. */
static inline size_t __must_check size_mul(size_t factor1, size_t factor2)
{
	size_t bytes;

	if (check_mul_overflow(factor1, factor2, &bytes))
		return SIZE_MAX;
	return bytes;
}

static inline size_t __must_check size_add(size_t addend1, size_t addend2)
{
	size_t bytes;

	if (check_add_overflow(addend1, addend2, &bytes))
		return SIZE_MAX;
	return bytes;
}

static inline size_t __must_check size_sub(size_t minuend, size_t subtrahend)
{
	size_t bytes;

	if (minuend == SIZE_MAX || subtrahend == SIZE_MAX ||
	    check_sub_overflow(minuend, subtrahend, &bytes))
		return SIZE_MAX;
	return bytes;
}

#define array_size(a, b) size_mul(a, b)
#define array3_size(a, b, c) size_mul(size_mul(a, b), c)

/* Bytes for n elements of a trailing flexible array, saturating. */
#define flex_array_size(p, member, count)                                      \
	__builtin_choose_expr(__is_constexpr(count), (count) * sizeof(*(p)->member) + __must_be_array((p)->member), \
			      size_mul(count, sizeof(*(p)->member) + __must_be_array((p)->member)))

/* Size of a struct with `count` elements in its flexible array `member`. */
#define struct_size(p, member, count)                                          \
	__builtin_choose_expr(__is_constexpr(count),                           \
			      sizeof(*(p)) + flex_array_size(p, member, count), \
			      size_add(sizeof(*(p)), flex_array_size(p, member, count)))

#endif /* __LINUX_OVERFLOW_H */
