/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
#ifndef _UAPI_LINUX_POLL_H
#define _UAPI_LINUX_POLL_H
#include <asm-generic/poll.h>
#endif
