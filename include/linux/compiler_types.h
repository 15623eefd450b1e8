/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: the annotations every kernel source may use without including
 * anything (force-included after kconfig.h): sparse address-space markers
 * (__user, __iomem, ...) that are empty for the compiler, inline policy,
 * notrace, and the compile-time assertion machinery.
 */
#ifndef _LINUX_COMPILER_TYPES_H
#define _LINUX_COMPILER_TYPES_H

#ifndef __ASSEMBLY__

/* Sparse-only annotations: no effect on generated code. */
#define __user
#define __kernel
#define __iomem
#define __percpu
#define __rcu
#define __private
#define __safe
#define __force
#define __nocast
#define __chk_user_ptr(x) (void)0
#define __chk_io_ptr(x) (void)0
#define __must_hold(x)
#define __acquires(x)
#define __releases(x)
#define __acquire(x) (void)0
#define __release(x) (void)0
#define __cond_lock(x, c) (c)
#define ACCESS_PRIVATE(p, member) ((p)->member)
#define __builtin_warning(x, y...) (1)

/* Token pasting that expands its arguments first. */
#define ___PASTE(a, b) a##b
#define __PASTE(a, b) ___PASTE(a, b)

/* A name that is unique within one translation unit. */
#define __UNIQUE_ID(prefix) __PASTE(__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)

#include <linux/compiler_attributes.h>

/* Kernel code's "inline" always means "inline and don't warn if unused". */
#define inline inline __attribute__((__gnu_inline__)) __attribute__((__unused__)) notrace
#define __inline__ inline
#define __inline inline
#define noinline_for_stack noinline

#define notrace __attribute__((__no_instrument_function__))
#define __latent_entropy
#define __randomize_layout
#define __no_randomize_layout
#define randomized_struct_fields_start
#define randomized_struct_fields_end
#define __noinitretpoline
#define __no_sanitize_address
#define __no_kcsan
#define __no_sanitize_or_inline __always_inline
#define noinstr noinline notrace __section(".noinstr.text")
#define __nocfi
#define __cficanonical
#define __noscs
#define asm_volatile_goto(x...) asm goto(x)
#define asm_inline asm __inline

#define __compiler_offsetof(a, b) __builtin_offsetof(a, b)

/* True when a and b have the same type (ignoring top-level qualifiers). */
#define __same_type(a, b) __builtin_types_compatible_p(typeof(a), typeof(b))

/* Scalar types a single load or store can access atomically. */
#define __native_word(t)                                                       \
	(sizeof(t) == sizeof(char) || sizeof(t) == sizeof(short) ||            \
	 sizeof(t) == sizeof(int) || sizeof(t) == sizeof(long))

/*
 * compiletime_assert(cond, msg): when cond is a false compile-time constant,
 * the call to an undefined function carrying the error attribute survives
 * optimisation and gcc reports msg. The do/while(0) works at -O2 as in the
 * kernel; the kernel's compile also needs optimisation for this to fire.
 */
#define __compiletime_assert(condition, msg, prefix, suffix)                   \
	do {                                                                   \
		extern void prefix##suffix(void) __error(msg);                 \
		if (!(condition))                                              \
			prefix##suffix();                                      \
	} while (0)
#define _compiletime_assert(condition, msg, prefix, suffix)                    \
	__compiletime_assert(condition, msg, prefix, suffix)
#define compiletime_assert(condition, msg)                                     \
	_compiletime_assert(condition, msg, __compiletime_assert_, __COUNTER__)
#define compiletime_assert_atomic_type(t)                                      \
	compiletime_assert(__native_word(t),                                   \
			   "Need native word sized stores/loads for atomicity.")

/* Plain type of an expression, dropping const/volatile (for scalars). */
#define __unqual_scalar_typeof(x)                                              \
	typeof(_Generic((x), char : (char)0, unsigned char : (unsigned char)0, \
			signed char : (signed char)0,                          \
			unsigned short : (unsigned short)0,                    \
			signed short : (signed short)0,                        \
			unsigned int : (unsigned int)0,                        \
			signed int : (signed int)0,                            \
			unsigned long : (unsigned long)0,                      \
			signed long : (signed long)0,                          \
			unsigned long long : (unsigned long long)0,            \
			signed long long : (signed long long)0,                \
			_Bool : (_Bool)0,                                      \
			default : (x)))

#endif /* __ASSEMBLY__ */

#endif /* _LINUX_COMPILER_TYPES_H */
