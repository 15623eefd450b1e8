/* SPDX-License-Identifier: GPL-2.0 */
/* The counter shared by the two source files of the multi module. */
#ifndef MULTI_COUNTER_H
#define MULTI_COUNTER_H

void counter_add(int n);
int counter_value(void);

#endif
