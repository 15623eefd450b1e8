// SPDX-License-Identifier: GPL-2.0
/* counter.c: the state half of the multi module; main.c drives it. */
#include <linux/kernel.h>

#include "counter.h"

static int total;

void counter_add(int n)
{
	total += n;
}

int counter_value(void)
{
	return total;
}
