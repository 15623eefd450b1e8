/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: x86's bit operations (arch/x86/include/asm/bitops.h), inline as in
 * Linux. set_bit() and the other atomic ones are locked read-modify-writes
 * of the word (the compiler emits lock or/and/xor/bts), so they are atomic
 * between tasks; the __ forms are plain C. Bit nr counts from bit 0 of
 * addr[0] upwards, BITS_PER_LONG bits per word.
 */
#ifndef _LINUX_BITOPS_H
/* Linux wants this reached through <linux/bitops.h>; ksim goes there. */
#include <linux/bitops.h>
#elif !defined(_ASM_X86_BITOPS_H)
#define _ASM_X86_BITOPS_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <asm/bitsperlong.h>

#define __ksim_bit_word(nr, addr) ((addr) + ((unsigned long)(nr) / BITS_PER_LONG))
#define __ksim_bit_mask(nr) (1UL << ((unsigned long)(nr) % BITS_PER_LONG))

/* Atomic, no ordering beyond the operation itself (like Linux's). */
static __always_inline void set_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_or(__ksim_bit_word(nr, addr), __ksim_bit_mask(nr), __ATOMIC_RELAXED);
}

static __always_inline void clear_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(__ksim_bit_word(nr, addr), ~__ksim_bit_mask(nr), __ATOMIC_RELAXED);
}

static __always_inline void change_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_xor(__ksim_bit_word(nr, addr), __ksim_bit_mask(nr), __ATOMIC_RELAXED);
}

/* The test_and_ forms are fully ordered, as Linux documents them. */
static __always_inline bool test_and_set_bit(long nr, volatile unsigned long *addr)
{
	return (__atomic_fetch_or(__ksim_bit_word(nr, addr), __ksim_bit_mask(nr),
				  __ATOMIC_SEQ_CST) & __ksim_bit_mask(nr)) != 0;
}

static __always_inline bool test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	return (__atomic_fetch_and(__ksim_bit_word(nr, addr), ~__ksim_bit_mask(nr),
				   __ATOMIC_SEQ_CST) & __ksim_bit_mask(nr)) != 0;
}

static __always_inline bool test_and_change_bit(long nr, volatile unsigned long *addr)
{
	return (__atomic_fetch_xor(__ksim_bit_word(nr, addr), __ksim_bit_mask(nr),
				   __ATOMIC_SEQ_CST) & __ksim_bit_mask(nr)) != 0;
}

/* Bit locks (include/asm-generic/bitops/lock.h): acquire and release. */
static __always_inline bool test_and_set_bit_lock(long nr, volatile unsigned long *addr)
{
	return (__atomic_fetch_or(__ksim_bit_word(nr, addr), __ksim_bit_mask(nr),
				  __ATOMIC_ACQUIRE) & __ksim_bit_mask(nr)) != 0;
}

static __always_inline void clear_bit_unlock(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(__ksim_bit_word(nr, addr), ~__ksim_bit_mask(nr), __ATOMIC_RELEASE);
}

static __always_inline void __clear_bit_unlock(long nr, volatile unsigned long *addr)
{
	__atomic_store_n(__ksim_bit_word(nr, addr),
			 *__ksim_bit_word(nr, addr) & ~__ksim_bit_mask(nr), __ATOMIC_RELEASE);
}

/* Non-atomic: the caller serialises. */
static __always_inline void __set_bit(unsigned long nr, volatile unsigned long *addr)
{
	*__ksim_bit_word(nr, addr) |= __ksim_bit_mask(nr);
}

static __always_inline void __clear_bit(unsigned long nr, volatile unsigned long *addr)
{
	*__ksim_bit_word(nr, addr) &= ~__ksim_bit_mask(nr);
}

static __always_inline void __change_bit(unsigned long nr, volatile unsigned long *addr)
{
	*__ksim_bit_word(nr, addr) ^= __ksim_bit_mask(nr);
}

static __always_inline bool __test_and_set_bit(unsigned long nr, volatile unsigned long *addr)
{
	unsigned long old = *__ksim_bit_word(nr, addr);

	*__ksim_bit_word(nr, addr) = old | __ksim_bit_mask(nr);
	return (old & __ksim_bit_mask(nr)) != 0;
}

static __always_inline bool __test_and_clear_bit(unsigned long nr, volatile unsigned long *addr)
{
	unsigned long old = *__ksim_bit_word(nr, addr);

	*__ksim_bit_word(nr, addr) = old & ~__ksim_bit_mask(nr);
	return (old & __ksim_bit_mask(nr)) != 0;
}

static __always_inline bool __test_and_change_bit(unsigned long nr, volatile unsigned long *addr)
{
	unsigned long old = *__ksim_bit_word(nr, addr);

	*__ksim_bit_word(nr, addr) = old ^ __ksim_bit_mask(nr);
	return (old & __ksim_bit_mask(nr)) != 0;
}

static __always_inline bool test_bit(long nr, const volatile unsigned long *addr)
{
	return (*__ksim_bit_word(nr, addr) & __ksim_bit_mask(nr)) != 0;
}

static __always_inline bool test_bit_acquire(long nr, const volatile unsigned long *addr)
{
	return (__atomic_load_n(__ksim_bit_word(nr, addr), __ATOMIC_ACQUIRE) &
		__ksim_bit_mask(nr)) != 0;
}

/* Index of the lowest set bit; undefined for 0 (check first). */
static __always_inline unsigned long __ffs(unsigned long word)
{
	return __builtin_ctzl(word);
}

/* Index of the lowest clear bit; undefined for ~0UL. */
static __always_inline unsigned long ffz(unsigned long word)
{
	return __builtin_ctzl(~word);
}

/* Index of the highest set bit; undefined for 0. */
static __always_inline unsigned long __fls(unsigned long word)
{
	return BITS_PER_LONG - 1 - __builtin_clzl(word);
}

/* Like the libc function: 1 + index of the lowest set bit, 0 for 0. */
static __always_inline int ffs(int x)
{
	return __builtin_ffs(x);
}

/* 1 + index of the highest set bit, 0 for 0: fls(1) == 1, fls(0x80000000) == 32. */
static __always_inline int fls(unsigned int x)
{
	return x ? 32 - __builtin_clz(x) : 0;
}

static __always_inline int fls64(__u64 x)
{
	return x ? 64 - __builtin_clzll(x) : 0;
}

/*
 * Population counts (arch/x86/include/asm/arch_hweight.h): without POPCNT
 * at build time x86 calls lib/hweight.c's __sw_hweight32/64, so modules
 * reference those exported symbols, as here. Constants fold.
 */
extern unsigned int __sw_hweight32(unsigned int w);
extern unsigned long __sw_hweight64(__u64 w);

static __always_inline unsigned int __arch_hweight32(unsigned int w)
{
	return __sw_hweight32(w);
}

static __always_inline unsigned int __arch_hweight16(unsigned int w)
{
	return __arch_hweight32(w & 0xffff);
}

static __always_inline unsigned int __arch_hweight8(unsigned int w)
{
	return __arch_hweight32(w & 0xff);
}

static __always_inline unsigned long __arch_hweight64(__u64 w)
{
	return __sw_hweight64(w);
}

#define hweight32(w) (__builtin_constant_p(w) ? (unsigned int)__builtin_popcount((unsigned int)(w)) : __arch_hweight32(w))
#define hweight16(w) (__builtin_constant_p(w) ? (unsigned int)__builtin_popcount((w) & 0xffff) : __arch_hweight16(w))
#define hweight8(w) (__builtin_constant_p(w) ? (unsigned int)__builtin_popcount((w) & 0xff) : __arch_hweight8(w))
#define hweight64(w) (__builtin_constant_p(w) ? (unsigned long)__builtin_popcountll((__u64)(w)) : __arch_hweight64(w))

#endif /* _LINUX_BITOPS_H, _ASM_X86_BITOPS_H */
