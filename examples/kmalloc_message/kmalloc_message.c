// SPDX-License-Identifier: GPL-2.0
/*
 * kmalloc_message: keeps a message in kernel memory, LDD3 style. Init
 * allocates a buffer with kmalloc() and a copy with kstrdup(), then
 * replaces the copy; every failure unwinds through goto labels and returns
 * -ENOMEM. Exit frees everything, so nothing leaks.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#define BUFFER_SIZE 64

struct message {
	char *text;
	size_t updates;
};

static struct message *msg;
static char *scratch;

/* Replaces the text with a copy of new_text; the old text is kept on failure. */
static int message_update(struct message *m, const char *new_text)
{
	char *copy = kstrdup(new_text, GFP_KERNEL);

	if (!copy)
		return -ENOMEM;
	kfree(m->text);
	m->text = copy;
	m->updates++;
	return 0;
}

static int __init kmalloc_message_init(void)
{
	int err = -ENOMEM;

	scratch = kmalloc(BUFFER_SIZE, GFP_KERNEL);
	if (!scratch)
		goto fail_scratch;

	msg = kzalloc(sizeof(*msg), GFP_KERNEL);
	if (!msg)
		goto fail_msg;

	msg->text = kstrdup("first message", GFP_KERNEL);
	if (!msg->text)
		goto fail_text;

	snprintf(scratch, BUFFER_SIZE, "%s, updated", msg->text);
	err = message_update(msg, scratch);
	if (err)
		goto fail_update;

	pr_info("message: \"%s\" (%zu update)\n", msg->text, msg->updates);
	return 0;

fail_update:
	kfree(msg->text);
fail_text:
	kfree(msg);
fail_msg:
	kfree(scratch);
fail_scratch:
	return err;
}

static void __exit kmalloc_message_exit(void)
{
	pr_info("freeing \"%s\"\n", msg->text);
	kfree(msg->text);
	kfree(msg);
	kfree(scratch);
}

module_init(kmalloc_message_init);
module_exit(kmalloc_message_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("ksim examples");
MODULE_DESCRIPTION("kmalloc and kstrdup with goto-based error handling");
