/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/* ksim: user-visible error numbers. */
#include <asm/errno.h>
