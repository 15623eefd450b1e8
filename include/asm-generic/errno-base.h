/* SPDX-License-Identifier: GPL-2.0 */
/* ksim: some code includes the generic error headers by this path. */
#include <uapi/asm-generic/errno-base.h>
