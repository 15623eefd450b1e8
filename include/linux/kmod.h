/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ksim: asking the kernel to load another module by name (request_module). */
#ifndef __LINUX_KMOD_H__
#define __LINUX_KMOD_H__

#include <linux/types.h>
#include <linux/errno.h>
#include <linux/compiler.h>

#define KMOD_PATH_LEN 256

extern __printf(2, 3) int __request_module(bool wait, const char *name, ...);
#define request_module(mod...) __request_module(true, mod)
#define request_module_nowait(mod...) __request_module(false, mod)
#define try_then_request_module(x, mod...) ((x) ?: (__request_module(true, mod), (x)))

#endif
