/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: files as drivers see them: struct file, struct inode, struct
 * file_operations (one layout shared with ksim, in ksim/fs_abi.h), char device
 * registration, the llseek helpers and libfs buffer helpers.
 */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

#include <ksim/fs_abi.h>
#include <linux/types.h>
#include <linux/kdev_t.h>
#include <linux/fcntl.h>
#include <linux/ioctl.h>
#include <linux/list.h>
#include <linux/stat.h>
#include <linux/err.h>
#include <linux/compiler.h>
#include <linux/limits.h>
#include <asm/page.h>
#include <linux/signal.h>

struct module;

/* fs/char_dev.c limits and dynamic ranges. */
#define CHRDEV_MAJOR_MAX 512
#define CHRDEV_MAJOR_DYN_END 234
#define CHRDEV_MAJOR_DYN_EXT_START 511
#define CHRDEV_MAJOR_DYN_EXT_END 384

/* include/linux/fs.h: the largest single read or write. */
#define MAX_RW_COUNT (INT_MAX & PAGE_MASK)

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define SEEK_DATA 3
#define SEEK_HOLE 4
#define SEEK_MAX SEEK_HOLE

static inline struct inode *file_inode(const struct file *f)
{
	return f->f_inode;
}

static inline unsigned iminor(const struct inode *inode)
{
	return MINOR(inode->i_rdev);
}

static inline unsigned imajor(const struct inode *inode)
{
	return MAJOR(inode->i_rdev);
}

static inline loff_t i_size_read(const struct inode *inode)
{
	return READ_ONCE(inode->i_size);
}

static inline void i_size_write(struct inode *inode, loff_t i_size)
{
	WRITE_ONCE(inode->i_size, i_size);
}

/* include/linux/fs.h: kiocb flags (6.1 values; the RWF_* ones are uapi). */
#define IOCB_HIPRI (__force int)0x00000001
#define IOCB_DSYNC (__force int)0x00000002
#define IOCB_SYNC (__force int)0x00000004
#define IOCB_NOWAIT (__force int)0x00000008
#define IOCB_APPEND (__force int)0x00000010
#define IOCB_EVENTFD (1 << 16)
#define IOCB_DIRECT (1 << 17)
#define IOCB_WRITE (1 << 18)
#define IOCB_WAITQ (1 << 19)
#define IOCB_NOIO (1 << 20)
#define IOCB_ALLOC_CACHE (1 << 21)

static inline int iocb_flags(struct file *file)
{
	int res = 0;

	if (file->f_flags & O_APPEND)
		res |= IOCB_APPEND;
	if (file->f_flags & O_DIRECT)
		res |= IOCB_DIRECT;
	if (file->f_flags & O_DSYNC)
		res |= IOCB_DSYNC;
	if (file->f_flags & __O_SYNC)
		res |= IOCB_SYNC;
	return res;
}

static inline bool is_sync_kiocb(struct kiocb *kiocb)
{
	return kiocb->ki_complete == NULL;
}

static inline void init_sync_kiocb(struct kiocb *kiocb, struct file *filp)
{
	*kiocb = (struct kiocb){
		.ki_filp = filp,
		.ki_flags = iocb_flags(filp),
	};
}

/*
 * fs/fcntl.c: the list of files that asked for SIGIO (fcntl F_SETFL
 * O_ASYNC). ksim keeps the list as Linux does; kill_fasync() cannot raise
 * SIGIO in a host process, so it delivers nothing.
 */
#define FASYNC_MAGIC 0x4601
extern int fasync_helper(int, struct file *, int, struct fasync_struct **);
extern void kill_fasync(struct fasync_struct **, int, int);

/* fs/char_dev.c */
extern int alloc_chrdev_region(dev_t *, unsigned, unsigned, const char *);
extern int register_chrdev_region(dev_t, unsigned, const char *);
extern int __register_chrdev(unsigned int major, unsigned int baseminor, unsigned int count,
			     const char *name, const struct file_operations *fops);
extern void __unregister_chrdev(unsigned int major, unsigned int baseminor, unsigned int count,
				const char *name);
extern void unregister_chrdev_region(dev_t, unsigned);

static inline int register_chrdev(unsigned int major, const char *name,
				  const struct file_operations *fops)
{
	return __register_chrdev(major, 0, 256, name, fops);
}

static inline void unregister_chrdev(unsigned int major, const char *name)
{
	__unregister_chrdev(major, 0, 256, name);
}

/* fs/read_write.c */
extern loff_t no_llseek(struct file *file, loff_t offset, int whence);
extern loff_t noop_llseek(struct file *file, loff_t offset, int whence);
extern loff_t default_llseek(struct file *file, loff_t offset, int whence);
extern loff_t generic_file_llseek(struct file *file, loff_t offset, int whence);
extern loff_t generic_file_llseek_size(struct file *file, loff_t offset, int whence,
				       loff_t maxsize, loff_t eof);
extern loff_t fixed_size_llseek(struct file *file, loff_t offset, int whence, loff_t size);
extern loff_t no_seek_end_llseek(struct file *, loff_t, int);

/* fs/open.c */
extern int nonseekable_open(struct inode *inode, struct file *filp);
extern int stream_open(struct inode *inode, struct file *filp);

/* fs/libfs.c */
extern int simple_open(struct inode *inode, struct file *file);
extern ssize_t simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos,
				       const void *from, size_t available);
extern ssize_t simple_write_to_buffer(void *to, size_t available, loff_t *ppos,
				      const void __user *from, size_t count);

#endif /* _LINUX_FS_H */
