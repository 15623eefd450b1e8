/* SPDX-License-Identifier: GPL-2.0 */
/* ksim: random numbers for modules (drivers/char/random.c), exported by ksim. */
#ifndef _LINUX_RANDOM_H
#define _LINUX_RANDOM_H

#include <linux/kernel.h>
#include <linux/types.h>

void get_random_bytes(void *buf, size_t len);
u8 get_random_u8(void);
u16 get_random_u16(void);
u32 get_random_u32(void);
u64 get_random_u64(void);

static inline unsigned long get_random_long(void)
{
	return get_random_u64();
}

/* Uniform in [0, ceil); ceil must be > 0. */
u32 __get_random_u32_below(u32 ceil);

static inline u32 get_random_u32_below(u32 ceil)
{
	return __get_random_u32_below(ceil);
}

/* Uniform in (floor, U32_MAX]. */
static inline u32 get_random_u32_above(u32 floor)
{
	return floor + 1 + get_random_u32_below(U32_MAX - floor);
}

/* Uniform in [floor, ceil]. */
static inline u32 get_random_u32_inclusive(u32 floor, u32 ceil)
{
	return floor + get_random_u32_below(ceil - floor + 1);
}

int wait_for_random_bytes(void);

static inline int get_random_bytes_wait(void *buf, size_t nbytes)
{
	int ret = wait_for_random_bytes();

	get_random_bytes(buf, nbytes);
	return ret;
}

#include <linux/prandom.h>

#endif /* _LINUX_RANDOM_H */
