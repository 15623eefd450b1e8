// SPDX-License-Identifier: GPL-2.0
/*
 * printk_levels: the printk family in one module: every log level, a
 * message without a level, continuation lines, once-only and rate-limited
 * messages, pr_debug with and without DEBUG, and a hex dump.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>

static const unsigned char sample[20] = "ksim hex dump line!";

static int __init printk_levels_init(void)
{
	int i;

	pr_emerg("emerg\n");
	pr_alert("alert\n");
	pr_crit("crit\n");
	pr_err("err\n");
	pr_warn("warn\n");
	pr_notice("notice\n");
	pr_info("info\n");
	pr_debug("debug is compiled out without DEBUG\n");
	printk("no level given\n");
	printk(KERN_DEFAULT "KERN_DEFAULT\n");

	pr_info("counting:");
	for (i = 1; i <= 3; i++)
		pr_cont(" %d", i);
	pr_cont("\n");

	printk(KERN_INFO "no newline at the end");
	printk(KERN_INFO "next record\n");

	for (i = 0; i < 3; i++)
		pr_info_once("once, although called %d time(s)\n", i + 1);

	for (i = 0; i < 15; i++)
		pr_info_ratelimited("limited %d\n", i);

	print_hex_dump(KERN_INFO, "dump: ", DUMP_PREFIX_OFFSET, 16, 1, sample, sizeof(sample), true);
	print_hex_dump(KERN_INFO, "", DUMP_PREFIX_NONE, 16, 4, sample, 16, false);
	return 0;
}

static void __exit printk_levels_exit(void)
{
	pr_info("done\n");
}

module_init(printk_levels_init);
module_exit(printk_levels_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Every way to call printk");
