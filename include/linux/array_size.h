/* SPDX-License-Identifier: GPL-2.0 */
/* ksim: ARRAY_SIZE, which refuses to compile when given a pointer. */
#ifndef _LINUX_ARRAY_SIZE_H
#define _LINUX_ARRAY_SIZE_H

#include <linux/compiler.h>

#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]) + __must_be_array(arr))

#endif
