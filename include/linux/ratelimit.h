/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: run-time set-up of a struct ratelimit_state (the type and
 * ___ratelimit() are in ratelimit_types.h). As in Linux 6.1 these helpers are
 * inline; only ___ratelimit() is exported.
 */
#ifndef _LINUX_RATELIMIT_H
#define _LINUX_RATELIMIT_H

#include <linux/ratelimit_types.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/string.h>

/* Starts a fresh window: nothing printed, nothing missed, unlocked. */
static inline void ratelimit_state_init(struct ratelimit_state *rs, int interval, int burst)
{
	memset(rs, 0, sizeof(*rs));
	rs->interval = interval;
	rs->burst = burst;
}

static inline void ratelimit_default_init(struct ratelimit_state *rs)
{
	ratelimit_state_init(rs, DEFAULT_RATELIMIT_INTERVAL, DEFAULT_RATELIMIT_BURST);
}

/*
 * With RATELIMIT_MSG_ON_RELEASE the suppressed count is reported once, here,
 * instead of by ___ratelimit() at the start of each new window.
 */
static inline void ratelimit_state_exit(struct ratelimit_state *rs)
{
	if (!(rs->flags & RATELIMIT_MSG_ON_RELEASE))
		return;
	if (rs->missed) {
		pr_warn("%s: %d output lines suppressed due to ratelimiting\n", current->comm,
			rs->missed);
		rs->missed = 0;
	}
}

static inline void ratelimit_set_flags(struct ratelimit_state *rs, unsigned long flags)
{
	rs->flags = flags;
}

#endif /* _LINUX_RATELIMIT_H */
