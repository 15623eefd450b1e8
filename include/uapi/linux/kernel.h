/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/* ksim: the user-visible part of kernel.h (alignment helpers). */
#ifndef _UAPI_LINUX_KERNEL_H
#define _UAPI_LINUX_KERNEL_H

#include <uapi/linux/const.h>

#endif
