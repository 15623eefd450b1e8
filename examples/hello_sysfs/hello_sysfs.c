// SPDX-License-Identifier: GPL-2.0
/*
 * hello_sysfs: the Linux Kernel Module Programming Guide's sysfs example.
 * A kobject /sys/kernel/hello_sysfs with two kobj_attributes: "value",
 * read and written by root (0664 in LKMPG's spirit), and "writes", read-only,
 * counting accepted writes. A value that is not a number is refused.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/sysfs.h>

static struct kobject *hello_kobj;
static int value;
static unsigned int writes;

static ssize_t value_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", value);
}

static ssize_t value_store(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
			   size_t count)
{
	int err = kstrtoint(buf, 0, &value);

	if (err)
		return err;
	writes++;
	pr_info("value is now %d\n", value);
	return count;
}

static ssize_t writes_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", writes);
}

static struct kobj_attribute value_attribute = __ATTR(value, 0664, value_show, value_store);
static struct kobj_attribute writes_attribute = __ATTR_RO(writes);

static int __init hello_sysfs_init(void)
{
	int err;

	hello_kobj = kobject_create_and_add("hello_sysfs", kernel_kobj);
	if (!hello_kobj)
		return -ENOMEM;
	err = sysfs_create_file(hello_kobj, &value_attribute.attr);
	if (!err)
		err = sysfs_create_file(hello_kobj, &writes_attribute.attr);
	if (err) {
		pr_info("failed to create the files in /sys/kernel/hello_sysfs\n");
		kobject_put(hello_kobj);
		return err;
	}
	pr_info("initialised\n");
	return 0;
}

static void __exit hello_sysfs_exit(void)
{
	kobject_put(hello_kobj);
	pr_info("exit after %u writes\n", writes);
}

module_init(hello_sysfs_init);
module_exit(hello_sysfs_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A kobject with kobj_attribute files in /sys/kernel");
