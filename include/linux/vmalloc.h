/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: virtually contiguous allocations (mm/vmalloc.c), exported by ksim.
 * They may sleep; use them for large buffers that need not be physically
 * contiguous, and free them with vfree().
 */
#ifndef _LINUX_VMALLOC_H
#define _LINUX_VMALLOC_H

#include <linux/init.h>
#include <linux/list.h>
#include <linux/gfp.h>
#include <linux/overflow.h>

extern void *vmalloc(unsigned long size) __alloc_size(1);
extern void *vzalloc(unsigned long size) __alloc_size(1);
extern void *vmalloc_user(unsigned long size) __alloc_size(1);
extern void *vmalloc_node(unsigned long size, int node) __alloc_size(1);
extern void *vzalloc_node(unsigned long size, int node) __alloc_size(1);
extern void *vmalloc_32(unsigned long size) __alloc_size(1);
extern void *vmalloc_32_user(unsigned long size) __alloc_size(1);
extern void *__vmalloc(unsigned long size, gfp_t gfp_mask) __alloc_size(1);
extern void *vmalloc_array(size_t n, size_t size) __alloc_size(1, 2);
extern void *__vmalloc_array(size_t n, size_t size, gfp_t flags) __alloc_size(1, 2);
extern void *vcalloc(size_t n, size_t size) __alloc_size(1, 2);
extern void *__vcalloc(size_t n, size_t size, gfp_t flags) __alloc_size(1, 2);
extern void vfree(const void *addr);
extern void vfree_atomic(const void *addr);

/* Whether addr lies in the vmalloc area (mm.h in Linux). */
extern bool is_vmalloc_addr(const void *x);

#endif /* _LINUX_VMALLOC_H */
