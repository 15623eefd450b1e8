/* SPDX-License-Identifier: GPL-2.0 */
/* ksim: in-place heapsort of an array (lib/sort.c), exported by ksim. */
#ifndef _LINUX_SORT_H
#define _LINUX_SORT_H

#include <linux/types.h>

/* cmp_func may take a context pointer `priv`; swap_func may be NULL (byte swap). */
void sort_r(void *base, size_t num, size_t size, cmp_r_func_t cmp_func,
	    swap_r_func_t swap_func, const void *priv);

void sort(void *base, size_t num, size_t size, cmp_func_t cmp_func, swap_func_t swap_func);

#endif
