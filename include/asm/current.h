/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: `current`, the task running the calling code. ksim exports
 * get_current(); in Linux it reads a per-CPU variable instead.
 */
#ifndef _ASM_X86_CURRENT_H
#define _ASM_X86_CURRENT_H

#include <linux/compiler.h>

struct task_struct;

extern struct task_struct *get_current(void);
#define current get_current()

#endif
