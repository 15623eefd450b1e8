/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: poison values written into freed list nodes and memory. They are
 * non-canonical addresses on x86-64 (Debian's CONFIG_ILLEGAL_POINTER_VALUE),
 * so following a deleted node's pointer faults at once.
 */
#ifndef _LINUX_POISON_H
#define _LINUX_POISON_H

#define POISON_POINTER_DELTA 0xdead000000000000UL

#define LIST_POISON1 ((void *)0x100 + POISON_POINTER_DELTA)
#define LIST_POISON2 ((void *)0x122 + POISON_POINTER_DELTA)

#define TIMER_ENTRY_STATIC ((void *)0x300 + POISON_POINTER_DELTA)
#define PAGE_POISON 0xaa
#define POISON_INUSE 0x5a
#define POISON_FREE 0x6b
#define POISON_END 0xa5
#define POISON_FREE_INITMEM 0xcc

#endif
