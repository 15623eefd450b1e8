/* SPDX-License-Identifier: GPL-2.0 */
/* ksim: architecture error numbers (the generic ones on x86-64). */
#include <uapi/asm/errno.h>
