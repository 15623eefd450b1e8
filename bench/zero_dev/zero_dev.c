// SPDX-License-Identifier: GPL-2.0
/*
 * zero_dev: /dev/zero_dev, a misc device whose read fills the buffer with
 * zeros (clear_user), like drivers/char/mem.c's read_zero without its
 * chunking. The benchmark of read() calls per second reads it.
 */
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/uaccess.h>

static ssize_t zero_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	if (clear_user(buf, count))
		return -EFAULT;
	return count;
}

static const struct file_operations zero_fops = {
	.owner = THIS_MODULE,
	.read = zero_read,
	.llseek = noop_llseek,
};

static struct miscdevice zero_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "zero_dev",
	.fops = &zero_fops,
	.mode = 0444,
};

static int __init zero_init(void)
{
	return misc_register(&zero_misc);
}

static void __exit zero_exit(void)
{
	misc_deregister(&zero_misc);
}

module_init(zero_init);
module_exit(zero_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Reads return zeros (benchmark device)");
