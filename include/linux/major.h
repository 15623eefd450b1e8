/* SPDX-License-Identifier: GPL-2.0 */
/* ksim: the fixed major numbers drivers name. */
#ifndef _LINUX_MAJOR_H
#define _LINUX_MAJOR_H
#define UNNAMED_MAJOR 0
#define MEM_MAJOR 1
#define TTY_MAJOR 4
#define TTYAUX_MAJOR 5
#define MISC_MAJOR 10
#define INPUT_MAJOR 13
#define FB_MAJOR 29
#endif
