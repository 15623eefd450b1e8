/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: allocation flags and the whole-page allocator (__get_free_pages and
 * friends, which hand out 2^order contiguous pages by address).
 */
#ifndef __LINUX_GFP_H
#define __LINUX_GFP_H

#include <linux/gfp_types.h>
#include <linux/numa.h>
#include <asm/page.h>

/* Whether an allocation with these flags may sleep. */
static inline bool gfpflags_allow_blocking(const gfp_t gfp_flags)
{
	return !!(gfp_flags & __GFP_DIRECT_RECLAIM);
}

struct page;

/* Exported by ksim (mm/page_alloc.c). */
extern unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order);
extern unsigned long get_zeroed_page(gfp_t gfp_mask);
extern void free_pages(unsigned long addr, unsigned int order);
extern struct page *alloc_pages(gfp_t gfp, unsigned int order);
extern void __free_pages(struct page *page, unsigned int order);
extern void *alloc_pages_exact(size_t size, gfp_t gfp_mask) __alloc_size(1);
extern void free_pages_exact(void *virt, size_t size);

#define __get_free_page(gfp_mask) __get_free_pages((gfp_mask), 0)
#define __get_dma_pages(gfp_mask, order) __get_free_pages((gfp_mask) | GFP_DMA, (order))
#define alloc_page(gfp_mask) alloc_pages(gfp_mask, 0)
#define __free_page(page) __free_pages((page), 0)
#define free_page(addr) free_pages((addr), 0)

/* Smallest order whose block holds size bytes. */
static inline __attribute__((const)) int get_order(unsigned long size)
{
	if (size <= PAGE_SIZE)
		return 0;
	return 64 - __builtin_clzl((size - 1) >> PAGE_SHIFT);
}

#endif /* __LINUX_GFP_H */
