/* SPDX-License-Identifier: GPL-2.0-only */
/* ksim: run a statement only the first time execution reaches it (printk_once). */
#ifndef _LINUX_ONCE_LITE_H
#define _LINUX_ONCE_LITE_H

#include <linux/types.h>

#define DO_ONCE_LITE(func, ...) DO_ONCE_LITE_IF(true, func, ##__VA_ARGS__)

/*
 * The flag is a static per expansion site; like Linux it is not atomic, so
 * two CPUs racing on the first call may both run func.
 */
#define DO_ONCE_LITE_IF(condition, func, ...)                                  \
	({                                                                     \
		static bool __section(".data.once") __already_done;            \
		bool __ret_do_once = !!(condition);                            \
		if (__builtin_expect(__ret_do_once && !__already_done, 0)) {   \
			__already_done = true;                                 \
			func(__VA_ARGS__);                                     \
		}                                                              \
		__builtin_expect(__ret_do_once, 0);                            \
	})

#endif
