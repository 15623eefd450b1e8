/* SPDX-License-Identifier: GPL-2.0 */
/* ksim: calling-convention markers (asmlinkage) used in kernel prototypes. */
#ifndef _LINUX_LINKAGE_H
#define _LINUX_LINKAGE_H

#include <linux/compiler_types.h>
#include <linux/stringify.h>
#include <linux/export.h>

/* On x86-64 C functions called from assembly use the normal ABI. */
#define asmlinkage
#define asmlinkage_protect(n, ret, args...) do { } while (0)
#define __page_aligned_data __section(".data..page_aligned") __aligned(4096)
#define __page_aligned_bss __section(".bss..page_aligned") __aligned(4096)

#endif
