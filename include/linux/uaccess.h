/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: copies between kernel and user memory. copy_to_user/copy_from_user
 * inline to the exported _copy_to_user/_copy_from_user as on x86-64 6.1;
 * get_user/put_user call ksim's __get_user_N/__put_user_N (same names as
 * Linux's, ordinary C calling convention). access_ok asks ksim whether the
 * range is in the user region, where every user buffer lives.
 */
#ifndef _LINUX_UACCESS_H
#define _LINUX_UACCESS_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/string.h>

extern bool ksim_access_ok(const void __user *addr, unsigned long size);
#define access_ok(addr, size) ksim_access_ok((const void __user *)(addr), (size))

extern __must_check unsigned long _copy_from_user(void *, const void __user *, unsigned long);
extern __must_check unsigned long _copy_to_user(void __user *, const void *, unsigned long);
extern __must_check unsigned long clear_user(void __user *mem, unsigned long len);
extern long strncpy_from_user(char *dst, const char __user *src, long count);
extern long strnlen_user(const char __user *str, long n);
extern void *memdup_user(const void __user *, size_t);
extern void *memdup_user_nul(const void __user *, size_t);

static __always_inline unsigned long __must_check copy_from_user(void *to,
								  const void __user *from,
								  unsigned long n)
{
	return _copy_from_user(to, from, n);
}

static __always_inline unsigned long __must_check copy_to_user(void __user *to,
								const void *from, unsigned long n)
{
	return _copy_to_user(to, from, n);
}

#define __copy_from_user(to, from, n) copy_from_user(to, from, n)
#define __copy_to_user(to, from, n) copy_to_user(to, from, n)
#define __clear_user(to, n) clear_user(to, n)

extern int __get_user_1(const void __user *ptr, u8 *val);
extern int __get_user_2(const void __user *ptr, u16 *val);
extern int __get_user_4(const void __user *ptr, u32 *val);
extern int __get_user_8(const void __user *ptr, u64 *val);
extern int __put_user_1(void __user *ptr, u8 val);
extern int __put_user_2(void __user *ptr, u16 val);
extern int __put_user_4(void __user *ptr, u32 val);
extern int __put_user_8(void __user *ptr, u64 val);

/* Reads *ptr (1, 2, 4 or 8 bytes) into x: 0 or -EFAULT (then x is 0). */
#define get_user(x, ptr)                                                        \
	({                                                                      \
		int __gu_err;                                                   \
		const void __user *__gu_p = (ptr);                              \
		switch (sizeof(*(ptr))) {                                       \
		case 1: { u8 __v; __gu_err = __get_user_1(__gu_p, &__v);        \
			  (x) = (__force __typeof__(*(ptr)))__v; break; }       \
		case 2: { u16 __v; __gu_err = __get_user_2(__gu_p, &__v);       \
			  (x) = (__force __typeof__(*(ptr)))__v; break; }       \
		case 4: { u32 __v; __gu_err = __get_user_4(__gu_p, &__v);       \
			  (x) = (__force __typeof__(*(ptr)))__v; break; }       \
		default: { u64 __v; __gu_err = __get_user_8(__gu_p, &__v);      \
			  (x) = (__force __typeof__(*(ptr)))__v; break; }       \
		}                                                               \
		__gu_err;                                                       \
	})

/* Writes x to *ptr: 0 or -EFAULT. */
#define put_user(x, ptr)                                                        \
	({                                                                      \
		int __pu_err;                                                   \
		__typeof__(*(ptr)) __pu_val = (x);                              \
		u64 __pu_raw = 0;                                               \
		void __user *__pu_p = (void __user *)(ptr);                     \
		__builtin_memcpy(&__pu_raw, &__pu_val, sizeof(__pu_val));       \
		switch (sizeof(*(ptr))) {                                       \
		case 1: __pu_err = __put_user_1(__pu_p, (u8)__pu_raw); break;   \
		case 2: __pu_err = __put_user_2(__pu_p, (u16)__pu_raw); break;  \
		case 4: __pu_err = __put_user_4(__pu_p, (u32)__pu_raw); break;  \
		default: __pu_err = __put_user_8(__pu_p, __pu_raw); break;      \
		}                                                               \
		__pu_err;                                                       \
	})

#define __get_user(x, ptr) get_user(x, ptr)
#define __put_user(x, ptr) put_user(x, ptr)

#endif /* _LINUX_UACCESS_H */
