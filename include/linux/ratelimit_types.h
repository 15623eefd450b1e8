/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: the state behind printk_ratelimited() and __ratelimit(): at most
 * `burst` messages per `interval` jiffies. ___ratelimit() is exported by
 * ksim. The structure itself is in ksim/ratelimit.h, shared with ksim's C++.
 */
#ifndef _LINUX_RATELIMIT_TYPES_H
#define _LINUX_RATELIMIT_TYPES_H

#include <linux/types.h>
#include <asm/param.h>

#define DEFAULT_RATELIMIT_INTERVAL (5 * HZ)
#define DEFAULT_RATELIMIT_BURST 10

/* Print one "callbacks suppressed" line when the state is released, not on each hit. */
#define RATELIMIT_MSG_ON_RELEASE (1 << 0)

#include <ksim/ratelimit.h>

#define RATELIMIT_STATE_INIT_FLAGS(name, interval_init, burst_init, flags_init) \
	{                                                                      \
		.lock = 0, .interval = interval_init, .burst = burst_init,     \
		.flags = flags_init,                                           \
	}
#define RATELIMIT_STATE_INIT(name, interval_init, burst_init)                  \
	RATELIMIT_STATE_INIT_FLAGS(name, interval_init, burst_init, 0)
#define RATELIMIT_STATE_INIT_DISABLED RATELIMIT_STATE_INIT(ratelimit_state, 0, DEFAULT_RATELIMIT_BURST)

#define DEFINE_RATELIMIT_STATE(name, interval_init, burst_init)                \
	struct ratelimit_state name = RATELIMIT_STATE_INIT(name, interval_init, burst_init)

/* Returns nonzero when the caller may print; `func` names the caller. */
extern int ___ratelimit(struct ratelimit_state *rs, const char *func);
#define __ratelimit(state) ___ratelimit(state, __func__)

#endif
