/* SPDX-License-Identifier: GPL-2.0 */
/* ksim: typecheck(type, x): a warning when x is not of the given type. */
#ifndef TYPECHECK_H_INCLUDED
#define TYPECHECK_H_INCLUDED

/*
 * Comparing pointers to two different types makes gcc warn
 * ("comparison of distinct pointer types"); the result is always 1.
 */
#define typecheck(type, x)                                                     \
	({                                                                     \
		type __ksim_dummy;                                             \
		typeof(x) __ksim_dummy2;                                       \
		(void)(&__ksim_dummy == &__ksim_dummy2);                       \
		1;                                                             \
	})

/* The same for a function pointer type. */
#define typecheck_fn(type, function)                                           \
	({                                                                     \
		typeof(type) __ksim_tmp = function;                            \
		(void)__ksim_tmp;                                              \
	})

/* Checks that x is a pointer of any type. */
#define typecheck_pointer(x)                                                   \
	({                                                                     \
		typeof(x) __ksim_dummy;                                        \
		(void)sizeof(*__ksim_dummy);                                   \
		1;                                                             \
	})

#endif
