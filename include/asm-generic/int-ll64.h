/* SPDX-License-Identifier: GPL-2.0 */
/* ksim: kernel names for the fixed-width integers (u8 .. s64) and their limits. */
#ifndef _ASM_GENERIC_INT_LL64_H
#define _ASM_GENERIC_INT_LL64_H

#include <uapi/asm-generic/int-ll64.h>

#ifndef __ASSEMBLY__
typedef __s8 s8;
typedef __u8 u8;
typedef __s16 s16;
typedef __u16 u16;
typedef __s32 s32;
typedef __u32 u32;
typedef __s64 s64;
typedef __u64 u64;
#endif

#endif
