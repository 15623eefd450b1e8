/* SPDX-License-Identifier: GPL-2.0 */
/* ksim: the width of long and long long in bits. */
#ifndef __ASM_GENERIC_BITS_PER_LONG
#define __ASM_GENERIC_BITS_PER_LONG
#include <uapi/asm/bitsperlong.h>
#define BITS_PER_LONG __BITS_PER_LONG
#define BITS_PER_LONG_LONG 64
#endif
