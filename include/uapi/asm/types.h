/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/* ksim: x86-64 uses the long-long 64-bit integer layout. */
#ifndef _UAPI_ASM_TYPES_H
#define _UAPI_ASM_TYPES_H
#include <asm-generic/int-ll64.h>
#endif
