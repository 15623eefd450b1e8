/* SPDX-License-Identifier: GPL-2.0 */
/* ksim: byte swapping primitives (see asm/byteorder.h). */
#include <asm/byteorder.h>
