/* SPDX-License-Identifier: GPL-2.0 */
/* ksim: kernel-side constants helpers (UL, ULL, BIT-style) and __is_constexpr. */
#ifndef _LINUX_CONST_H
#define _LINUX_CONST_H

#include <uapi/linux/const.h>

#define UL(x) (_UL(x))
#define ULL(x) (_ULL(x))

/*
 * 1 when x is an integer constant expression, else 0, without evaluating x:
 * only for a constant does (void *)((long)(x) * 0l) become a null pointer
 * constant, which makes the conditional's type int * instead of void *.
 */
#define __is_constexpr(x)                                                      \
	(sizeof(int) == sizeof(*(8 ? ((void *)((long)(x) * 0l)) : (int *)8)))

#endif
