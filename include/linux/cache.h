/* SPDX-License-Identifier: GPL-2.0 */
/* ksim: cache-line alignment annotations (____cacheline_aligned, __read_mostly). */
#ifndef __LINUX_CACHE_H
#define __LINUX_CACHE_H

#include <uapi/linux/kernel.h>
#include <asm/cache.h>

#define L1_CACHE_ALIGN(x) __ALIGN_KERNEL(x, L1_CACHE_BYTES)
#define SMP_CACHE_BYTES L1_CACHE_BYTES
#define SMP_CACHE_SHIFT L1_CACHE_SHIFT

#define __ro_after_init __section(".data..ro_after_init")
#define ____cacheline_aligned __attribute__((__aligned__(SMP_CACHE_BYTES)))
#define ____cacheline_aligned_in_smp ____cacheline_aligned
#define __cacheline_aligned ____cacheline_aligned __section(".data..cacheline_aligned")
#define __cacheline_aligned_in_smp __cacheline_aligned
#define ____cacheline_internodealigned_in_smp ____cacheline_aligned
#define cache_line_size() L1_CACHE_BYTES

#endif
