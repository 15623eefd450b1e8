// SPDX-License-Identifier: GPL-2.0
/*
 * chardev_count: the Linux Kernel Module Programming Guide's first
 * character device. Each open composes "I already told you N times Hello
 * world!" with N counting the opens before it, and read hands it out with
 * put_user one byte at a time; one reader at a time (-EBUSY otherwise).
 * /proc/chardev_count walks the readers' pids with a seq_file iterator
 * (start/next/stop/show).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>

#define DEVICE_NAME "chardev_count"
#define BUF_LEN 80
#define MAX_READERS 16

static int major;
static struct class *cls;
static int device_open; /* is the device open? */
static int counter;
static char msg[BUF_LEN];
static char *msg_ptr;
static pid_t readers[MAX_READERS];

static int device_open_fn(struct inode *inode, struct file *file)
{
	if (device_open)
		return -EBUSY;
	device_open++;
	if (counter < MAX_READERS)
		readers[counter] = current->pid;
	sprintf(msg, "I already told you %d times Hello world!\n", counter++);
	msg_ptr = msg;
	return 0;
}

static int device_release(struct inode *inode, struct file *file)
{
	device_open--;
	return 0;
}

static ssize_t device_read(struct file *file, char __user *buffer, size_t length, loff_t *offset)
{
	int bytes_read = 0;

	while (length && *msg_ptr) {
		if (put_user(*msg_ptr, buffer++))
			return -EFAULT;
		msg_ptr++;
		length--;
		bytes_read++;
	}
	*offset += bytes_read;
	return bytes_read;
}

static ssize_t device_write(struct file *file, const char __user *buff, size_t len, loff_t *off)
{
	pr_alert("Sorry, this operation is not supported.\n");
	return -EINVAL;
}

static const struct file_operations chardev_fops = {
	.owner = THIS_MODULE,
	.read = device_read,
	.write = device_write,
	.open = device_open_fn,
	.release = device_release,
};

static void *readers_start(struct seq_file *s, loff_t *pos)
{
	if (*pos >= counter || *pos >= MAX_READERS)
		return NULL;
	return &readers[*pos];
}

static void *readers_next(struct seq_file *s, void *v, loff_t *pos)
{
	++*pos;
	return readers_start(s, pos);
}

static void readers_stop(struct seq_file *s, void *v)
{
}

static int readers_show(struct seq_file *s, void *v)
{
	pid_t *pid = v;

	seq_printf(s, "open %ld: pid %d\n", (long)(pid - readers) + 1, *pid);
	return 0;
}

static const struct seq_operations readers_seq_ops = {
	.start = readers_start,
	.next = readers_next,
	.stop = readers_stop,
	.show = readers_show,
};

static int readers_open(struct inode *inode, struct file *file)
{
	return seq_open(file, &readers_seq_ops);
}

static const struct proc_ops readers_proc_ops = {
	.proc_open = readers_open,
	.proc_read = seq_read,
	.proc_lseek = seq_lseek,
	.proc_release = seq_release,
};

static int __init chardev_init(void)
{
	major = register_chrdev(0, DEVICE_NAME, &chardev_fops);
	if (major < 0) {
		pr_alert("Registering char device failed with %d\n", major);
		return major;
	}
	pr_info("I was assigned major number %d.\n", major);
	cls = class_create(THIS_MODULE, DEVICE_NAME);
	device_create(cls, NULL, MKDEV(major, 0), NULL, DEVICE_NAME);
	proc_create(DEVICE_NAME, 0444, NULL, &readers_proc_ops);
	pr_info("Device created on /dev/%s\n", DEVICE_NAME);
	return 0;
}

static void __exit chardev_exit(void)
{
	remove_proc_entry(DEVICE_NAME, NULL);
	device_destroy(cls, MKDEV(major, 0));
	class_destroy(cls);
	unregister_chrdev(major, DEVICE_NAME);
}

module_init(chardev_init);
module_exit(chardev_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("LKMPG's chardev: counts how often it was read");
