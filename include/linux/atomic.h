/* SPDX-License-Identifier: GPL-2.0 */
/*
 * atomic_t, atomic64_t and atomic_long_t operations, as inline code over the
 * compiler's __atomic builtins (sequentially consistent where Linux's
 * value-returning operations are fully ordered, relaxed for plain reads and
 * sets, as in Linux).
 */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

#include <linux/types.h>
#include <linux/compiler.h>

#define ATOMIC_INIT(i) { (i) }
#define ATOMIC64_INIT(i) { (i) }
#define ATOMIC_LONG_INIT(i) ATOMIC64_INIT(i)

#define __KSIM_ATOMIC_OPS(pfx, atype, ctype)                                                 \
static __always_inline ctype pfx##_read(const atype *v)                                      \
{ return __atomic_load_n(&v->counter, __ATOMIC_RELAXED); }                                   \
static __always_inline void pfx##_set(atype *v, ctype i)                                     \
{ __atomic_store_n(&v->counter, i, __ATOMIC_RELAXED); }                                      \
static __always_inline void pfx##_add(ctype i, atype *v)                                     \
{ __atomic_fetch_add(&v->counter, i, __ATOMIC_RELAXED); }                                    \
static __always_inline void pfx##_sub(ctype i, atype *v)                                     \
{ __atomic_fetch_sub(&v->counter, i, __ATOMIC_RELAXED); }                                    \
static __always_inline void pfx##_inc(atype *v) { pfx##_add(1, v); }                         \
static __always_inline void pfx##_dec(atype *v) { pfx##_sub(1, v); }                         \
static __always_inline ctype pfx##_add_return(ctype i, atype *v)                             \
{ return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST); }                             \
static __always_inline ctype pfx##_sub_return(ctype i, atype *v)                             \
{ return __atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST); }                             \
static __always_inline ctype pfx##_inc_return(atype *v) { return pfx##_add_return(1, v); }   \
static __always_inline ctype pfx##_dec_return(atype *v) { return pfx##_sub_return(1, v); }   \
static __always_inline ctype pfx##_fetch_add(ctype i, atype *v)                              \
{ return __atomic_fetch_add(&v->counter, i, __ATOMIC_SEQ_CST); }                             \
static __always_inline ctype pfx##_fetch_sub(ctype i, atype *v)                              \
{ return __atomic_fetch_sub(&v->counter, i, __ATOMIC_SEQ_CST); }                             \
static __always_inline ctype pfx##_fetch_inc(atype *v) { return pfx##_fetch_add(1, v); }     \
static __always_inline ctype pfx##_fetch_dec(atype *v) { return pfx##_fetch_sub(1, v); }     \
static __always_inline bool pfx##_dec_and_test(atype *v) { return pfx##_dec_return(v) == 0; } \
static __always_inline bool pfx##_inc_and_test(atype *v) { return pfx##_inc_return(v) == 0; } \
static __always_inline bool pfx##_sub_and_test(ctype i, atype *v)                            \
{ return pfx##_sub_return(i, v) == 0; }                                                      \
static __always_inline ctype pfx##_xchg(atype *v, ctype n)                                   \
{ return __atomic_exchange_n(&v->counter, n, __ATOMIC_SEQ_CST); }                            \
static __always_inline ctype pfx##_cmpxchg(atype *v, ctype old, ctype n)                     \
{                                                                                            \
	__atomic_compare_exchange_n(&v->counter, &old, n, false, __ATOMIC_SEQ_CST,           \
				    __ATOMIC_SEQ_CST);                                       \
	return old;                                                                          \
}                                                                                            \
static __always_inline bool pfx##_try_cmpxchg(atype *v, ctype *old, ctype n)                 \
{                                                                                            \
	return __atomic_compare_exchange_n(&v->counter, old, n, false, __ATOMIC_SEQ_CST,     \
					   __ATOMIC_SEQ_CST);                                \
}                                                                                            \
static __always_inline bool pfx##_add_unless(atype *v, ctype a, ctype u)                     \
{                                                                                            \
	ctype c = pfx##_read(v);                                                             \
	do {                                                                                 \
		if (c == u)                                                                  \
			return false;                                                        \
	} while (!pfx##_try_cmpxchg(v, &c, c + a));                                          \
	return true;                                                                         \
}                                                                                            \
static __always_inline bool pfx##_inc_not_zero(atype *v) { return pfx##_add_unless(v, 1, 0); }

__KSIM_ATOMIC_OPS(atomic, atomic_t, int)
__KSIM_ATOMIC_OPS(atomic64, atomic64_t, s64)

#define atomic_long_read atomic64_read
#define atomic_long_set atomic64_set
#define atomic_long_add atomic64_add
#define atomic_long_sub atomic64_sub
#define atomic_long_inc atomic64_inc
#define atomic_long_dec atomic64_dec
#define atomic_long_add_return atomic64_add_return
#define atomic_long_inc_return atomic64_inc_return
#define atomic_long_dec_return atomic64_dec_return
#define atomic_long_dec_and_test atomic64_dec_and_test
#define atomic_long_cmpxchg atomic64_cmpxchg
#define atomic_long_xchg atomic64_xchg

#endif /* _LINUX_ATOMIC_H */
