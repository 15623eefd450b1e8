// SPDX-License-Identifier: GPL-2.0
/*
 * init_mismatch: the exit function reads a variable marked __initdata.
 * The kernel frees .init.data once init has returned, so at rmmod the read
 * touches freed memory: the exit function oopses and the module can never
 * be removed (it stays "Unloading" until reboot). modpost warns about the
 * section mismatch at build time, but still builds the module.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>

static int start_value __initdata = 17;

static int __init init_mismatch_init(void)
{
	pr_info("start value is %d\n", start_value);
	return 0;
}

static void __exit init_mismatch_exit(void)
{
	/* Wrong: start_value was freed together with the rest of .init.data. */
	pr_info("start value was %d\n", start_value);
}

module_init(init_mismatch_init);
module_exit(init_mismatch_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Reads __initdata from its exit function");
