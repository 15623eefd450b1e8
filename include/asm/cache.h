/* SPDX-License-Identifier: GPL-2.0 */
/* ksim: the CPU cache line size of x86-64 (64 bytes). */
#ifndef _ASM_X86_CACHE_H
#define _ASM_X86_CACHE_H

#define L1_CACHE_SHIFT 6
#define L1_CACHE_BYTES (1 << L1_CACHE_SHIFT)
#define __read_mostly __section(".data..read_mostly")
#define INTERNODE_CACHE_SHIFT L1_CACHE_SHIFT

#endif
