/* SPDX-License-Identifier: GPL-2.0 */
/* ksim: architecture integer types for x86-64 (see uapi/asm/types.h). */
#ifndef _ASM_X86_TYPES_H
#define _ASM_X86_TYPES_H
#include <uapi/asm/types.h>
#endif
