/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/* ksim: x86-64 uses the generic error numbers. */
#include <uapi/asm-generic/errno.h>
