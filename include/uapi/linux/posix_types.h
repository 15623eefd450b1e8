/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/* ksim: POSIX base types shared with user space. */
#ifndef _UAPI_LINUX_POSIX_TYPES_H
#define _UAPI_LINUX_POSIX_TYPES_H

#include <linux/stddef.h>
#include <uapi/asm/posix_types.h>

#endif
