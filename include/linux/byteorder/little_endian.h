/* SPDX-License-Identifier: GPL-2.0 */
/* ksim: x86-64 is little-endian; the conversions are in asm/byteorder.h. */
#include <asm/byteorder.h>
