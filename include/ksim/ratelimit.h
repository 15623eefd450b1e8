/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The layout of struct ratelimit_state (include/linux/ratelimit_types.h),
 * shared by modules (printk_ratelimited keeps one per call site) and
 * ksim's ___ratelimit(). Plain C with no includes, so ksim's C++ can
 * include it by path like ksim/abi.h.
 */
#ifndef _KSIM_RATELIMIT_H
#define _KSIM_RATELIMIT_H

#ifdef __cplusplus
extern "C" {
#endif

struct ratelimit_state {
	/*
	 * Linux has a raw_spinlock_t here, which modules never touch. ksim
	 * uses the word as its own lock; zero (static initialisation) means
	 * unlocked.
	 */
	unsigned int lock;
	int interval; /* jiffies; 0 disables limiting */
	int burst;    /* messages allowed per interval */
	int printed;
	int missed;
	unsigned long begin; /* jiffies at the start of the interval */
	unsigned long flags;
};

#ifdef __cplusplus
}
#endif

#endif /* _KSIM_RATELIMIT_H */
