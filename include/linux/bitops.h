/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: bit operations (include/linux/bitops.h), inline as in Linux; the
 * per-bit operations themselves are x86's, in <asm/bitops.h>. Searching
 * bitmaps (find_first_bit, for_each_set_bit) is in <linux/find.h>, reached
 * through <linux/bitmap.h> as in Linux.
 */
#ifndef _LINUX_BITOPS_H
#define _LINUX_BITOPS_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/bits.h>
#include <linux/typecheck.h>
#include <asm/bitsperlong.h>

#define BITS_PER_TYPE(type) (sizeof(type) * BITS_PER_BYTE)
#define BITS_TO_LONGS(nr) (((nr) + BITS_PER_TYPE(long) - 1) / BITS_PER_TYPE(long))
#define BITS_TO_U64(nr) (((nr) + BITS_PER_TYPE(u64) - 1) / BITS_PER_TYPE(u64))
#define BITS_TO_U32(nr) (((nr) + BITS_PER_TYPE(u32) - 1) / BITS_PER_TYPE(u32))
#define BITS_TO_BYTES(nr) (((nr) + BITS_PER_TYPE(char) - 1) / BITS_PER_TYPE(char))

#include <asm/bitops.h>

static __always_inline unsigned long hweight_long(unsigned long w)
{
	return sizeof(w) == 4 ? hweight32(w) : hweight64((__u64)w);
}

/* Bits needed to hold count - 1 (get_count_order(8) == 3, (9) == 4); -1 for 0. */
static inline int get_count_order(unsigned int count)
{
	if (count == 0)
		return -1;
	return fls(--count);
}

static inline int get_count_order_long(unsigned long l)
{
	if (l == 0UL)
		return -1;
	return (int)fls64((__u64)(l - 1));
}

static inline int get_bitmask_order(unsigned int count)
{
	return fls(count);
}

static __always_inline unsigned int fls_long(unsigned long l)
{
	return fls64(l);
}

/* Index of the lowest set bit of a 64-bit word; undefined for 0. */
static inline unsigned long __ffs64(u64 word)
{
	return __ffs((unsigned long)word);
}

static inline __u64 rol64(__u64 word, unsigned int shift)
{
	return (word << (shift & 63)) | (word >> ((-shift) & 63));
}

static inline __u64 ror64(__u64 word, unsigned int shift)
{
	return (word >> (shift & 63)) | (word << ((-shift) & 63));
}

static inline __u32 rol32(__u32 word, unsigned int shift)
{
	return (word << (shift & 31)) | (word >> ((-shift) & 31));
}

static inline __u32 ror32(__u32 word, unsigned int shift)
{
	return (word >> (shift & 31)) | (word << ((-shift) & 31));
}

static inline __u16 rol16(__u16 word, unsigned int shift)
{
	return (word << (shift & 15)) | (word >> ((-shift) & 15));
}

static inline __u16 ror16(__u16 word, unsigned int shift)
{
	return (word >> (shift & 15)) | (word << ((-shift) & 15));
}

static inline __u8 rol8(__u8 word, unsigned int shift)
{
	return (word << (shift & 7)) | (word >> ((-shift) & 7));
}

static inline __u8 ror8(__u8 word, unsigned int shift)
{
	return (word >> (shift & 7)) | (word << ((-shift) & 7));
}

/* Sign-extends value from bit `index` (0-based) upwards. */
static __always_inline __s32 sign_extend32(__u32 value, int index)
{
	__u8 shift = 31 - index;

	return (__s32)(value << shift) >> shift;
}

static __always_inline __s64 sign_extend64(__u64 value, int index)
{
	__u8 shift = 63 - index;

	return (__s64)(value << shift) >> shift;
}

/* Sets or clears bit nr by `value`. */
static __always_inline void assign_bit(long nr, volatile unsigned long *addr, bool value)
{
	if (value)
		set_bit(nr, addr);
	else
		clear_bit(nr, addr);
}

static __always_inline void __assign_bit(long nr, volatile unsigned long *addr, bool value)
{
	if (value)
		__set_bit(nr, addr);
	else
		__clear_bit(nr, addr);
}

#endif /* _LINUX_BITOPS_H */
