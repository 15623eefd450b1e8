/* SPDX-License-Identifier: GPL-2.0 */
/* ksim: binary search in a sorted array. */
#ifndef _LINUX_BSEARCH_H
#define _LINUX_BSEARCH_H

#include <linux/types.h>

/*
 * The element equal to key (cmp(key, elem) == 0), or NULL. The inline
 * form lets the compiler inline cmp; bsearch() is the exported copy.
 */
static __always_inline void *__inline_bsearch(const void *key, const void *base, size_t num,
					      size_t size, cmp_func_t cmp)
{
	const char *lo = (const char *)base;

	while (num > 0) {
		const char *mid = lo + (num / 2) * size;
		int result = cmp(key, mid);

		if (result == 0)
			return (void *)mid;
		if (result > 0) {
			lo = mid + size;
			num = num - num / 2 - 1;
		} else {
			num /= 2;
		}
	}
	return NULL;
}

extern void *bsearch(const void *key, const void *base, size_t num, size_t size,
		     cmp_func_t cmp);

#endif
