// SPDX-License-Identifier: GPL-2.0
/*
 * ioctl_dev: a misc device driven by ioctl only. It keeps one integer and
 * one name; the commands in ioctl_dev.h read and write them with get_user,
 * put_user, copy_from_user and copy_to_user, and add two numbers for the
 * caller (_IOWR). Commands it does not know get -ENOTTY, as the kernel's
 * convention says. ioctl_test.c in this directory drives it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/init.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "ioctl_dev.h"

static s32 value;
static struct ioctl_dev_name name = { .name = "ioctl_dev" };

static long ioctl_dev_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *argp = (void __user *)arg;
	struct ioctl_dev_pair pair;
	struct ioctl_dev_name new_name;

	if (_IOC_TYPE(cmd) != IOCTL_DEV_MAGIC)
		return -ENOTTY;

	switch (cmd) {
	case IOCTL_DEV_RESET:
		value = 0;
		pr_info("reset\n");
		return 0;
	case IOCTL_DEV_GET:
		return put_user(value, (s32 __user *)argp);
	case IOCTL_DEV_SET:
		if (get_user(value, (s32 __user *)argp))
			return -EFAULT;
		pr_info("value set to %d\n", value);
		return 0;
	case IOCTL_DEV_ADD:
		if (copy_from_user(&pair, argp, sizeof(pair)))
			return -EFAULT;
		pair.sum = pair.a + pair.b;
		if (copy_to_user(argp, &pair, sizeof(pair)))
			return -EFAULT;
		return 0;
	case IOCTL_DEV_GET_NAME:
		if (copy_to_user(argp, &name, sizeof(name)))
			return -EFAULT;
		return 0;
	case IOCTL_DEV_SET_NAME:
		if (copy_from_user(&new_name, argp, sizeof(new_name)))
			return -EFAULT;
		new_name.name[IOCTL_DEV_NAME_LEN - 1] = '\0';
		if (new_name.name[0] == '\0')
			return -EINVAL;
		name = new_name;
		pr_info("name set to %s\n", name.name);
		return 0;
	default:
		return -ENOTTY;
	}
}

static const struct file_operations ioctl_dev_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = ioctl_dev_ioctl,
};

static struct miscdevice ioctl_dev_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "ioctl_dev",
	.fops = &ioctl_dev_fops,
	.mode = 0666,
};

static int __init ioctl_dev_init(void)
{
	int err = misc_register(&ioctl_dev_misc);

	if (err)
		return err;
	pr_info("ready\n");
	return 0;
}

static void __exit ioctl_dev_exit(void)
{
	misc_deregister(&ioctl_dev_misc);
	pr_info("gone, value was %d\n", value);
}

module_init(ioctl_dev_init);
module_exit(ioctl_dev_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A misc device driven by _IOR/_IOW/_IOWR ioctls");
