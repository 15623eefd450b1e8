// SPDX-License-Identifier: GPL-2.0
/*
 * main.c: one module (multi.ko) built from two source files. The header
 * counter.h is found through ccflags-y in the Makefile.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>

#include <counter.h>

static int __init multi_init(void)
{
	int i;

	for (i = 1; i <= 4; i++)
		counter_add(i);
	pr_info("sum of 1..4 is %d (compiled as %s)\n", counter_value(), KBUILD_BASENAME);
	return 0;
}

static void __exit multi_exit(void)
{
	pr_info("final value %d\n", counter_value());
}

module_init(multi_init);
module_exit(multi_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A module built from two source files");
