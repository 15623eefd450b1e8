/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: short names for the GCC attributes kernel code uses (__packed,
 * __aligned, __section, __printf, __must_check, ...), as Linux 6.1 spells
 * them. Only GCC is supported, so no feature probing is needed.
 */
#ifndef _LINUX_COMPILER_ATTRIBUTES_H
#define _LINUX_COMPILER_ATTRIBUTES_H

#define __alias(symbol) __attribute__((__alias__(#symbol)))
#define __aligned(x) __attribute__((__aligned__(x)))
#define __aligned_largest __attribute__((__aligned__))
#define __alloc_size(...) __attribute__((__alloc_size__(__VA_ARGS__)))
#define __always_inline inline __attribute__((__always_inline__))
#define __assume_aligned(a, ...) __attribute__((__assume_aligned__(a, ##__VA_ARGS__)))
#define __cold __attribute__((__cold__))
#define __attribute_const__ __attribute__((__const__))
#define __copy(symbol) __attribute__((__copy__(symbol)))
#define __deprecated
#define __designated_init __attribute__((__designated_init__))
#define __visible __attribute__((__externally_visible__))
#define __printf(a, b) __attribute__((__format__(printf, a, b)))
#define __scanf(a, b) __attribute__((__format__(scanf, a, b)))
#define __gnu_inline __attribute__((__gnu_inline__))
#define __malloc __attribute__((__malloc__))
#define __mode(x) __attribute__((__mode__(x)))
#define __must_check __attribute__((__warn_unused_result__))
#define __no_caller_saved_registers
#define noinline __attribute__((__noinline__))
#define __nonstring __attribute__((__nonstring__))
#define __noreturn __attribute__((__noreturn__))
#define __packed __attribute__((__packed__))
#define __pure __attribute__((__pure__))
#define __section(section) __attribute__((__section__(section)))
#define __always_unused __attribute__((__unused__))
#define __maybe_unused __attribute__((__unused__))
#define __used __attribute__((__used__))
#define __weak __attribute__((__weak__))
#define __cleanup(func) __attribute__((__cleanup__(func)))
#define __no_stack_protector __attribute__((__optimize__("-fno-stack-protector")))
#define __noclone __attribute__((__noclone__))
#define __error(msg) __attribute__((__error__(msg)))
#define __warning(msg) __attribute__((__warning__(msg)))

/* Marks an intended fall-through between switch cases (-Wimplicit-fallthrough=5). */
#define fallthrough __attribute__((__fallthrough__))

#endif /* _LINUX_COMPILER_ATTRIBUTES_H */
