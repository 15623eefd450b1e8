// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs_stats: debugging knobs under /sys/kernel/debug/debugfs_stats/.
 * "counter" is a u32 that debugfs itself reads and writes
 * (debugfs_create_u32); "summary" is a file with its own read, built with
 * simple_read_from_buffer; "ticks" counts how often "summary" was read.
 * Everything goes with one debugfs_remove_recursive at exit.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>

static struct dentry *dir;
static u32 counter = 7;
static u64 ticks;

static ssize_t summary_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	char text[64];
	int len = scnprintf(text, sizeof(text), "counter=%u ticks=%llu\n", counter, ticks);

	if (*ppos == 0)
		ticks++;
	return simple_read_from_buffer(buf, count, ppos, text, len);
}

static const struct file_operations summary_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = summary_read,
	.llseek = default_llseek,
};

static int __init debugfs_stats_init(void)
{
	dir = debugfs_create_dir("debugfs_stats", NULL);
	debugfs_create_u32("counter", 0644, dir, &counter);
	debugfs_create_u64("ticks", 0444, dir, &ticks);
	debugfs_create_file("summary", 0444, dir, NULL, &summary_fops);
	return 0;
}

static void __exit debugfs_stats_exit(void)
{
	debugfs_remove_recursive(dir);
}

module_init(debugfs_stats_init);
module_exit(debugfs_stats_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A u32, a u64 and a file of its own in debugfs");
