/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: the slab allocator interface. As in Linux 6.1, kmalloc() and its
 * variants are always-inline wrappers over the exported __kmalloc(),
 * kmem_cache_alloc() and kvmalloc_node(), so the allocator sees the module's
 * call site as its return address (ksim's leak reports name that line).
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/gfp.h>
#include <linux/overflow.h>
#include <linux/types.h>
#include <linux/numa.h>

/* kmem_cache_create() flags (Linux 6.1 values). */
#define SLAB_CONSISTENCY_CHECKS ((slab_flags_t __force)0x00000100U)
#define SLAB_RED_ZONE ((slab_flags_t __force)0x00000400U)
#define SLAB_POISON ((slab_flags_t __force)0x00000800U)
#define SLAB_KMALLOC ((slab_flags_t __force)0x00001000U)
#define SLAB_HWCACHE_ALIGN ((slab_flags_t __force)0x00002000U)
#define SLAB_CACHE_DMA ((slab_flags_t __force)0x00004000U)
#define SLAB_CACHE_DMA32 ((slab_flags_t __force)0x00008000U)
#define SLAB_STORE_USER ((slab_flags_t __force)0x00010000U)
#define SLAB_PANIC ((slab_flags_t __force)0x00040000U)
#define SLAB_TYPESAFE_BY_RCU ((slab_flags_t __force)0x00080000U)
#define SLAB_MEM_SPREAD ((slab_flags_t __force)0x00100000U)
#define SLAB_TRACE ((slab_flags_t __force)0x00200000U)
#define SLAB_DEBUG_OBJECTS 0
#define SLAB_NOLEAKTRACE ((slab_flags_t __force)0x00800000U)
#define SLAB_FAILSLAB 0
#define SLAB_ACCOUNT ((slab_flags_t __force)0x04000000U)
#define SLAB_KASAN 0
#define SLAB_NO_USER_FLAGS ((slab_flags_t __force)0x10000000U)
#define SLAB_SKIP_KFENCE 0
#define SLAB_RECLAIM_ACCOUNT ((slab_flags_t __force)0x00020000U)
#define SLAB_TEMPORARY SLAB_RECLAIM_ACCOUNT

/*
 * kmalloc(0) returns this: not NULL, but any access faults. kfree()
 * accepts it, like NULL.
 */
#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

/* SLUB on x86-64: 8-byte minimum, up to 2^(MAX_ORDER + PAGE_SHIFT - 1) bytes. */
#define ARCH_KMALLOC_MINALIGN __alignof__(unsigned long long)
#define ARCH_SLAB_MINALIGN __alignof__(unsigned long long)
#define KMALLOC_MIN_SIZE ARCH_KMALLOC_MINALIGN
#define KMALLOC_SHIFT_LOW 3
#define KMALLOC_SHIFT_HIGH (PAGE_SHIFT + 1)
#define KMALLOC_SHIFT_MAX (11 + PAGE_SHIFT - 1)
#define KMALLOC_MAX_SIZE (1UL << KMALLOC_SHIFT_MAX)
#define KMALLOC_MAX_CACHE_SIZE (1UL << KMALLOC_SHIFT_HIGH)
#define KMALLOC_MAX_ORDER (KMALLOC_SHIFT_MAX - PAGE_SHIFT)

struct kmem_cache;

/* Exported by ksim (mm/slab_common.c, mm/slub.c, mm/util.c). */
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     slab_flags_t flags, void (*ctor)(void *));
struct kmem_cache *kmem_cache_create_usercopy(const char *name, unsigned int size,
					      unsigned int align, slab_flags_t flags,
					      unsigned int useroffset, unsigned int usersize,
					      void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *s);
int kmem_cache_shrink(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags) __malloc;
void *kmem_cache_alloc_node(struct kmem_cache *s, gfp_t flags, int node) __malloc;
void kmem_cache_free(struct kmem_cache *s, void *objp);
unsigned int kmem_cache_size(struct kmem_cache *s);

void *__kmalloc(size_t size, gfp_t flags) __alloc_size(1) __malloc;
void *__kmalloc_node(size_t size, gfp_t flags, int node) __alloc_size(1) __malloc;
void *__must_check krealloc(const void *objp, size_t new_size, gfp_t flags) __alloc_size(2);
void kfree(const void *objp);
void kfree_sensitive(const void *objp);
size_t __ksize(const void *objp);
size_t ksize(const void *objp);
size_t kmalloc_size_roundup(size_t size);

void *kvmalloc_node(size_t size, gfp_t flags, int node) __alloc_size(1) __malloc;
void kvfree(const void *addr);
void kvfree_sensitive(const void *addr, size_t len);
void *kvrealloc(const void *p, size_t oldsize, size_t newsize, gfp_t flags) __alloc_size(3);

/* A cache named after a struct, sized and aligned for it. */
#define KMEM_CACHE(__struct, __flags)                                          \
	kmem_cache_create(#__struct, sizeof(struct __struct),                  \
			  __alignof__(struct __struct), (__flags), NULL)

#define KMEM_CACHE_USERCOPY(__struct, __flags, __field)                        \
	kmem_cache_create_usercopy(#__struct, sizeof(struct __struct),         \
				   __alignof__(struct __struct), (__flags),    \
				   offsetof(struct __struct, __field),         \
				   sizeof_field(struct __struct, __field), NULL)

/*
 * kmalloc(size, flags): size bytes, not initialised, or NULL. With
 * GFP_KERNEL it may sleep; in atomic context use GFP_ATOMIC.
 */
static __always_inline __alloc_size(1) void *kmalloc(size_t size, gfp_t flags)
{
	return __kmalloc(size, flags);
}

static __always_inline __alloc_size(1) void *kmalloc_node(size_t size, gfp_t flags, int node)
{
	return __kmalloc_node(size, flags, node);
}

/* kmalloc() of zeroed memory. */
static __always_inline __alloc_size(1) void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

static __always_inline __alloc_size(1) void *kzalloc_node(size_t size, gfp_t flags, int node)
{
	return kmalloc_node(size, flags | __GFP_ZERO, node);
}

/* n elements of size bytes; NULL when n * size overflows. */
static __always_inline __alloc_size(1, 2) void *kmalloc_array(size_t n, size_t size,
							    gfp_t flags)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return __kmalloc(bytes, flags);
}

static __always_inline __alloc_size(1, 2) void *kmalloc_array_node(size_t n, size_t size,
								 gfp_t flags, int node)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return __kmalloc_node(bytes, flags, node);
}

/* kmalloc_array() of zeroed memory. */
static __always_inline __alloc_size(1, 2) void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return kmalloc_array(n, size, flags | __GFP_ZERO);
}

static __always_inline __alloc_size(1, 2) void *kcalloc_node(size_t n, size_t size,
							   gfp_t flags, int node)
{
	return kmalloc_array_node(n, size, flags | __GFP_ZERO, node);
}

/* Resizes p to new_n elements of new_size bytes; NULL on overflow. */
static __always_inline __must_check __alloc_size(2, 3) void *
krealloc_array(void *p, size_t new_n, size_t new_size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(new_n, new_size, &bytes)))
		return NULL;
	return krealloc(p, bytes, flags);
}

static __always_inline void *kmem_cache_zalloc(struct kmem_cache *k, gfp_t flags)
{
	return kmem_cache_alloc(k, flags | __GFP_ZERO);
}

/* Physically contiguous if possible, else virtually contiguous (vmalloc). */
static __always_inline __alloc_size(1) void *kvmalloc(size_t size, gfp_t flags)
{
	return kvmalloc_node(size, flags, NUMA_NO_NODE);
}

static __always_inline __alloc_size(1) void *kvzalloc_node(size_t size, gfp_t flags, int node)
{
	return kvmalloc_node(size, flags | __GFP_ZERO, node);
}

static __always_inline __alloc_size(1) void *kvzalloc(size_t size, gfp_t flags)
{
	return kvmalloc(size, flags | __GFP_ZERO);
}

static __always_inline __alloc_size(1, 2) void *kvmalloc_array(size_t n, size_t size,
							     gfp_t flags)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return kvmalloc(bytes, flags);
}

static __always_inline __alloc_size(1, 2) void *kvcalloc(size_t n, size_t size, gfp_t flags)
{
	return kvmalloc_array(n, size, flags | __GFP_ZERO);
}

#endif /* _LINUX_SLAB_H */
