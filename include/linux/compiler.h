/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: compiler helpers kernel code expects from <linux/compiler.h>:
 * branch hints, compiler barriers, READ_ONCE/WRITE_ONCE and a few type
 * predicates used by other headers.
 */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#include <linux/compiler_types.h>

#ifndef __ASSEMBLY__

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define likely_notrace(x) likely(x)
#define unlikely_notrace(x) unlikely(x)

/* Stops the compiler from moving memory accesses across this point. */
#define barrier() __asm__ __volatile__("" : : : "memory")
#define barrier_data(ptr) __asm__ __volatile__("" : : "r"(ptr) : "memory")
#define barrier_before_unreachable() do { } while (0)

#define unreachable() __builtin_unreachable()

/* Hides where a value came from, so the optimiser cannot reason about it. */
#define OPTIMIZER_HIDE_VAR(var) __asm__("" : "=r"(var) : "0"(var))
#define RELOC_HIDE(ptr, off)                                                   \
	({                                                                     \
		unsigned long __ksim_ptr;                                      \
		__asm__("" : "=r"(__ksim_ptr) : "0"(ptr));                     \
		(typeof(ptr))(__ksim_ptr + (off));                             \
	})
#define absolute_pointer(val) RELOC_HIDE((void *)(val), 0)

/* Keeps a symbol referenced so that it is not discarded. */
#define ___ADDRESSABLE(sym, __attrs)                                           \
	static void *__used __attrs __UNIQUE_ID(__PASTE(__addressable_, sym)) =  \
		(void *)&sym;
#define __ADDRESSABLE(sym) ___ADDRESSABLE(sym, __section(".discard.addressable"))

/* Annotates a racy access that is intended (KCSAN is not modelled). */
#define data_race(expr)                                                        \
	({                                                                     \
		__unqual_scalar_typeof(({ expr; })) __ksim_v = ({ expr; });    \
		__ksim_v;                                                      \
	})

/*
 * READ_ONCE/WRITE_ONCE: a single access through a volatile lvalue, so the
 * compiler neither tears, fuses nor re-reads it. Only native word sizes
 * (and 64-bit on x86-64) are accepted, as in the kernel.
 */
#define __ksim_rwonce_check(x)                                                 \
	compiletime_assert(__native_word(x) || sizeof(x) == sizeof(long long), \
			   "Unsupported access size for {READ,WRITE}_ONCE().")
#define __READ_ONCE(x) (*(const volatile __unqual_scalar_typeof(x) *)&(x))
#define READ_ONCE(x)                                                           \
	({                                                                     \
		__ksim_rwonce_check(x);                                        \
		__READ_ONCE(x);                                                \
	})
#define __WRITE_ONCE(x, val)                                                   \
	do {                                                                   \
		*(volatile typeof(x) *)&(x) = (val);                           \
	} while (0)
#define WRITE_ONCE(x, val)                                                     \
	do {                                                                   \
		__ksim_rwonce_check(x);                                        \
		__WRITE_ONCE(x, val);                                          \
	} while (0)

/*
 * Zero, but a compile error when `a` is a pointer rather than an array
 * (a pointer and the address of its first element have the same type).
 */
#define __must_be_array(a) BUILD_BUG_ON_ZERO(__same_type((a), &(a)[0]))

/* True when the (integer) type is signed. */
#define is_signed_type(type) (((type)(-1)) < (__force type)1)
#define is_unsigned_type(type) (!is_signed_type(type))

/* True when x is a compile-time constant that is non-zero. */
#define statically_true(x) (__builtin_constant_p(x) && (x))

/* Function-pointer hiding for CFI; no effect here. */
#define function_nocfi(x) (x)

#include <linux/build_bug.h>

#endif /* __ASSEMBLY__ */

#endif /* _LINUX_COMPILER_H */
