// SPDX-License-Identifier: GPL-2.0
/*
 * provider: exports two functions for other modules, one to any module
 * (EXPORT_SYMBOL) and one only to GPL-compatible modules (EXPORT_SYMBOL_GPL).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>
#include <linux/export.h>

int provider_add(int a, int b)
{
	return a + b;
}
EXPORT_SYMBOL(provider_add);

int provider_secret(void)
{
	return 42;
}
EXPORT_SYMBOL_GPL(provider_secret);

static int __init provider_init(void)
{
	pr_info("provider loaded\n");
	return 0;
}

static void __exit provider_exit(void)
{
	pr_info("provider unloaded\n");
}

module_init(provider_init);
module_exit(provider_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Exports symbols to consumer");
