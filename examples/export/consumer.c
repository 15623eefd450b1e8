// SPDX-License-Identifier: GPL-2.0
/*
 * consumer: calls the functions that provider exports. Loading it before
 * provider fails with "Unknown symbol"; while it is loaded provider cannot
 * be removed (lsmod shows "Used by consumer").
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>

int provider_add(int a, int b);
int provider_secret(void);

static int __init consumer_init(void)
{
	pr_info("2 + 3 = %d, secret = %d\n", provider_add(2, 3), provider_secret());
	return 0;
}

static void __exit consumer_exit(void)
{
	pr_info("consumer unloaded\n");
}

module_init(consumer_init);
module_exit(consumer_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Uses symbols exported by provider");
