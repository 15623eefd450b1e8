/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: returning an errno inside a pointer. The top 4095 addresses are
 * never valid kernel pointers, so ERR_PTR(-ENOMEM) can travel where a
 * pointer is expected and IS_ERR() tells the two apart.
 */
#ifndef _LINUX_ERR_H
#define _LINUX_ERR_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <asm/errno.h>

#define MAX_ERRNO 4095

#ifndef __ASSEMBLY__

#define IS_ERR_VALUE(x) unlikely((unsigned long)(void *)(x) >= (unsigned long)-MAX_ERRNO)

static inline void *__must_check ERR_PTR(long error)
{
	return (void *)error;
}

static inline long __must_check PTR_ERR(__force const void *ptr)
{
	return (long)ptr;
}

static inline bool __must_check IS_ERR(__force const void *ptr)
{
	return IS_ERR_VALUE((unsigned long)ptr);
}

static inline bool __must_check IS_ERR_OR_NULL(__force const void *ptr)
{
	return unlikely(!ptr) || IS_ERR_VALUE((unsigned long)ptr);
}

/* Re-types an error pointer without a cast at the call site. */
static inline void *__must_check ERR_CAST(__force const void *ptr)
{
	return (void *)ptr;
}

/* 0 for a valid pointer or NULL, the errno for an error pointer. */
static inline int __must_check PTR_ERR_OR_ZERO(__force const void *ptr)
{
	if (IS_ERR(ptr))
		return (int)PTR_ERR(ptr);
	return 0;
}

#endif

#endif /* _LINUX_ERR_H */
