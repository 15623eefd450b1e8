// SPDX-License-Identifier: GPL-2.0
/*
 * chardev_message: a character device that keeps one message. Writing to
 * /dev/chardev_message replaces it, reading returns it; /proc/chardev_message
 * shows how often each happened. The LDD3 chapter 3 pattern: a dynamic
 * major, a cdev, a class and device node, copy_{to,from}_user, a mutex-free
 * single-writer design for brevity.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>

#define MSG_MAX 128

static dev_t devno;
static struct cdev msg_cdev;
static struct class *msg_class;
static char message[MSG_MAX] = "hello from the kernel\n";
static size_t message_len = 22;
static unsigned int reads, writes;

static ssize_t msg_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	if (*ppos == 0)
		reads++;
	return simple_read_from_buffer(buf, count, ppos, message, message_len);
}

static ssize_t msg_write(struct file *file, const char __user *buf, size_t count, loff_t *ppos)
{
	if (count > MSG_MAX)
		return -EINVAL;
	if (copy_from_user(message, buf, count))
		return -EFAULT;
	message_len = count;
	writes++;
	return count;
}

static const struct file_operations msg_fops = {
	.owner = THIS_MODULE,
	.read = msg_read,
	.write = msg_write,
	.llseek = default_llseek,
};

static int stats_show(struct seq_file *m, void *v)
{
	seq_printf(m, "reads: %u\nwrites: %u\nlength: %zu\n", reads, writes, message_len);
	return 0;
}

static int __init msg_init(void)
{
	int err;
	struct device *dev;

	err = alloc_chrdev_region(&devno, 0, 1, "chardev_message");
	if (err)
		return err;
	cdev_init(&msg_cdev, &msg_fops);
	err = cdev_add(&msg_cdev, devno, 1);
	if (err)
		goto fail_cdev;
	msg_class = class_create(THIS_MODULE, "chardev_message");
	if (IS_ERR(msg_class)) {
		err = PTR_ERR(msg_class);
		goto fail_class;
	}
	dev = device_create(msg_class, NULL, devno, NULL, "chardev_message");
	if (IS_ERR(dev)) {
		err = PTR_ERR(dev);
		goto fail_device;
	}
	if (!proc_create_single("chardev_message", 0444, NULL, stats_show)) {
		err = -ENOMEM;
		goto fail_proc;
	}
	pr_info("registered with major %d\n", MAJOR(devno));
	return 0;

fail_proc:
	device_destroy(msg_class, devno);
fail_device:
	class_destroy(msg_class);
fail_class:
	cdev_del(&msg_cdev);
fail_cdev:
	unregister_chrdev_region(devno, 1);
	return err;
}

static void __exit msg_exit(void)
{
	remove_proc_entry("chardev_message", NULL);
	device_destroy(msg_class, devno);
	class_destroy(msg_class);
	cdev_del(&msg_cdev);
	unregister_chrdev_region(devno, 1);
	pr_info("unregistered\n");
}

module_init(msg_init);
module_exit(msg_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A character device that keeps one message");
