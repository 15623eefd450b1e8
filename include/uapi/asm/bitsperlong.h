/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/* ksim: x86-64 is an LP64 target. */
#ifndef _UAPI_ASM_X86_BITSPERLONG_H
#define _UAPI_ASM_X86_BITSPERLONG_H
#define __BITS_PER_LONG 64
#endif
