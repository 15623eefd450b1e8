/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/* ksim: the ioctl encoding macros (asm-generic/ioctl.h on x86). */
#ifndef _UAPI_LINUX_IOCTL_H
#define _UAPI_LINUX_IOCTL_H
#include <uapi/asm-generic/ioctl.h>
#endif
