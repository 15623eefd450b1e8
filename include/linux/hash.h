/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: multiplicative hashing of integers and pointers into `bits` bits
 * (hash_32, hash_64, hash_ptr), with the golden-ratio constants of Linux so
 * that bucket choices match the kernel's.
 */
#ifndef _LINUX_HASH_H
#define _LINUX_HASH_H

#include <asm/types.h>
#include <linux/compiler.h>

#define hash_long(val, bits) hash_64(val, bits)

#define GOLDEN_RATIO_32 0x61C88647
#define GOLDEN_RATIO_64 0x61C8864680B583EBull

static inline u32 __hash_32(u32 val)
{
	return val * GOLDEN_RATIO_32;
}

static inline u32 hash_32(u32 val, unsigned int bits)
{
	/* The high bits are the best mixed. */
	return __hash_32(val) >> (32 - bits);
}

static __always_inline u32 hash_64(u64 val, unsigned int bits)
{
	return (u32)(val * GOLDEN_RATIO_64 >> (64 - bits));
}

static inline u32 hash_ptr(const void *ptr, unsigned int bits)
{
	return hash_long((unsigned long)ptr, bits);
}

/* 32 well-mixed bits of a pointer, e.g. for a hash-table seed. */
static inline u32 hash32_ptr(const void *ptr)
{
	unsigned long val = (unsigned long)ptr;

	val ^= (val >> 32);
	return (u32)val;
}

#endif
