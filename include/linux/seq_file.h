/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: seq_file (struct seq_file and seq_operations in ksim/fs_abi.h):
 * iterators, single_open, seq_printf and friends.
 */
#ifndef _LINUX_SEQ_FILE_H
#define _LINUX_SEQ_FILE_H

#include <ksim/fs_abi.h>
#include <linux/types.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/stdarg.h>

#define SEQ_SKIP 1
#define SEQ_START_TOKEN ((void *)1)

static inline bool seq_has_overflowed(struct seq_file *m)
{
	return m->count == m->size;
}

static inline size_t seq_get_buf(struct seq_file *m, char **bufp)
{
	if (m->count < m->size)
		*bufp = m->buf + m->count;
	else
		*bufp = NULL;
	return m->size - m->count;
}

int seq_open(struct file *, const struct seq_operations *);
ssize_t seq_read(struct file *, char __user *, size_t, loff_t *);
loff_t seq_lseek(struct file *, loff_t, int);
int seq_release(struct inode *, struct file *);
int seq_write(struct seq_file *seq, const void *data, size_t len);

__printf(2, 0) void seq_vprintf(struct seq_file *m, const char *fmt, va_list args);
__printf(2, 3) void seq_printf(struct seq_file *m, const char *fmt, ...);
void seq_putc(struct seq_file *m, char c);
void seq_puts(struct seq_file *m, const char *s);

int single_open(struct file *, int (*)(struct seq_file *, void *), void *);
int single_release(struct inode *, struct file *);

static inline struct user_namespace *seq_user_ns(struct seq_file *seq)
{
	(void)seq;
	return NULL;
}

#endif /* _LINUX_SEQ_FILE_H */
