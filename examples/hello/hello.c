// SPDX-License-Identifier: GPL-2.0
/*
 * hello: the smallest useful module. It logs one line when loaded and one
 * when unloaded.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>

static int __init hello_init(void)
{
	pr_info("Hello, world\n");
	return 0;
}

static void __exit hello_exit(void)
{
	pr_info("Goodbye, world\n");
}

module_init(hello_init);
module_exit(hello_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("ksim examples");
MODULE_DESCRIPTION("Prints a greeting on load and on unload");
