/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The file-related structures that modules fill in or read and that ksim's
 * VFS (src/vfs/) creates: struct inode, struct file, struct file_operations,
 * struct cdev, struct proc_ops. Shared by the C headers (linux/fs.h, cdev.h,
 * proc_fs.h) and ksim's C++ so both see one layout. Scalar types are spelled
 * as the builtin types the kernel typedefs resolve to on x86-64 (loff_t is
 * long long, ssize_t long, size_t unsigned long, dev_t unsigned int, umode_t
 * unsigned short, fmode_t unsigned int), because this header must also compile
 * as C++ next to the host C library, whose typedefs of the same names differ.
 */
#ifndef _KSIM_FS_ABI_H
#define _KSIM_FS_ABI_H

#include "abi.h"
#include "../linux/spinlock_types.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * `private` is a C++ keyword, C++ has no _Bool, and the host C library that
 * ksim's C++ sees has its own struct iovec (ksim_iovec there).
 */
#ifdef __cplusplus
#define KSIM_KIOCB_PRIVATE kiocb_private
#define KSIM_BOOL bool
#define KSIM_IOVEC ksim_iovec
#else
#define KSIM_KIOCB_PRIVATE private
#define KSIM_BOOL _Bool
#define KSIM_IOVEC iovec
#endif

struct file;
struct inode;
struct poll_table_struct;
struct kiocb;
struct iov_iter;
struct vm_area_struct;
struct seq_file;
struct file_lock;
struct dir_context;
struct io_comp_batch;
struct io_uring_cmd;
struct pipe_inode_info;
struct proc_dir_entry;

/* include/linux/fs.h: f_mode bits (6.1 values). */
#define FMODE_READ 0x1u
#define FMODE_WRITE 0x2u
#define FMODE_LSEEK 0x4u
#define FMODE_PREAD 0x8u
#define FMODE_PWRITE 0x10u
#define FMODE_EXEC 0x20u
#define FMODE_NDELAY 0x40u
#define FMODE_EXCL 0x80u
#define FMODE_WRITE_IOCTL 0x100u
#define FMODE_32BITHASH 0x200u
#define FMODE_64BITHASH 0x400u
#define FMODE_NOCMTIME 0x800u
#define FMODE_RANDOM 0x1000u
#define FMODE_UNSIGNED_OFFSET 0x2000u
#define FMODE_PATH 0x4000u
#define FMODE_ATOMIC_POS 0x8000u
#define FMODE_WRITER 0x10000u
#define FMODE_CAN_READ 0x20000u
#define FMODE_CAN_WRITE 0x40000u
#define FMODE_OPENED 0x80000u
#define FMODE_CREATED 0x100000u
#define FMODE_STREAM 0x200000u
#define FMODE_NONOTIFY 0x4000000u
#define FMODE_NOWAIT 0x8000000u

/* include/linux/fs.h: the subset of struct inode a driver reads. */
struct inode {
	unsigned short i_mode;
	unsigned int i_uid;
	unsigned int i_gid;
	unsigned int i_flags;
	unsigned long i_ino;
	unsigned int i_rdev;
	long long i_size;
	struct cdev *i_cdev;
	void *i_private;
	void *ksim_private; /* ksim's vfs::Node */
	unsigned long ksim_reserved[8];
};

/* include/linux/fs.h: an open file description. */
struct file {
	struct inode *f_inode;
	const struct file_operations *f_op;
	unsigned int f_flags;
	unsigned int f_mode;
	long long f_pos;
	unsigned long f_version;
	void *private_data;
	void *ksim_private; /* ksim's vfs::OpenFile */
	unsigned long ksim_reserved[8];
};

/* include/linux/fs.h: one I/O request as ->read_iter/->write_iter see it. */
struct kiocb {
	struct file *ki_filp;
	long long ki_pos;
	void (*ki_complete)(struct kiocb *iocb, long ret);
	void *KSIM_KIOCB_PRIVATE;
	int ki_flags;
	unsigned short ki_ioprio;
	void *ki_waitq;
};

/* include/uapi/linux/uio.h and include/linux/uio.h */
struct KSIM_IOVEC {
	void *iov_base;
	unsigned long iov_len;
};

struct kvec {
	void *iov_base;
	unsigned long iov_len;
};

enum iter_type {
	ITER_IOVEC,
	ITER_KVEC,
	ITER_BVEC,
	ITER_PIPE,
	ITER_XARRAY,
	ITER_DISCARD,
	ITER_UBUF,
};

struct iov_iter {
	unsigned char iter_type;
	KSIM_BOOL nofault;
	KSIM_BOOL data_source;
	KSIM_BOOL user_backed;
	union {
		unsigned long iov_offset;
		int last_offset;
	};
	unsigned long count;
	union {
		const struct KSIM_IOVEC *iov;
		const struct kvec *kvec;
		const void *bvec;
		void *xarray;
		struct pipe_inode_info *pipe;
		void *ubuf;
	};
	union {
		unsigned long nr_segs;
		struct {
			unsigned int head;
			unsigned int start_head;
		};
		long long xarray_start;
	};
};

/* include/linux/fs.h: one fasync registration (fasync_helper()). */
struct fasync_struct {
	rwlock_t fa_lock;
	int magic;
	int fa_fd;
	struct fasync_struct *fa_next;
	struct file *fa_file;
	struct {
		void *next;
		void (*func)(void *head);
	} fa_rcu;
};

/* include/linux/fs.h (6.1 member order). */
struct file_operations {
	struct module *owner;
	long long (*llseek)(struct file *, long long, int);
	long (*read)(struct file *, char *, unsigned long, long long *);
	long (*write)(struct file *, const char *, unsigned long, long long *);
	long (*read_iter)(struct kiocb *, struct iov_iter *);
	long (*write_iter)(struct kiocb *, struct iov_iter *);
	int (*iopoll)(struct kiocb *kiocb, struct io_comp_batch *, unsigned int flags);
	int (*iterate)(struct file *, struct dir_context *);
	int (*iterate_shared)(struct file *, struct dir_context *);
	unsigned int (*poll)(struct file *, struct poll_table_struct *);
	long (*unlocked_ioctl)(struct file *, unsigned int, unsigned long);
	long (*compat_ioctl)(struct file *, unsigned int, unsigned long);
	int (*mmap)(struct file *, struct vm_area_struct *);
	unsigned long mmap_supported_flags;
	int (*open)(struct inode *, struct file *);
	int (*flush)(struct file *, void *id);
	int (*release)(struct inode *, struct file *);
	int (*fsync)(struct file *, long long, long long, int datasync);
	int (*fasync)(int, struct file *, int);
	int (*lock)(struct file *, int, struct file_lock *);
	long (*sendpage)(struct file *, void *, int, unsigned long, long long *, int);
	unsigned long (*get_unmapped_area)(struct file *, unsigned long, unsigned long,
					   unsigned long, unsigned long);
	int (*check_flags)(int);
	int (*flock)(struct file *, int, struct file_lock *);
	long (*splice_write)(struct pipe_inode_info *, struct file *, long long *, unsigned long,
			     unsigned int);
	long (*splice_read)(struct file *, long long *, struct pipe_inode_info *, unsigned long,
			    unsigned int);
	int (*setlease)(struct file *, long, struct file_lock **, void **);
	long (*fallocate)(struct file *file, int mode, long long offset, long long len);
	void (*show_fdinfo)(struct seq_file *m, struct file *f);
	long (*copy_file_range)(struct file *, long long, struct file *, long long, unsigned long,
				unsigned int);
	long long (*remap_file_range)(struct file *file_in, long long pos_in,
				      struct file *file_out, long long pos_out, long long len,
				      unsigned int remap_flags);
	int (*fadvise)(struct file *, long long, long long, int);
	int (*uring_cmd)(struct io_uring_cmd *ioucmd, unsigned int issue_flags);
	int (*uring_cmd_iopoll)(struct io_uring_cmd *, struct io_comp_batch *,
				unsigned int poll_flags);
};

/* include/linux/cdev.h */
struct cdev {
	struct {
		void *ksim_kobj;
	} kobj;
	struct module *owner;
	const struct file_operations *ops;
	struct list_head list;
	unsigned int dev;
	unsigned int count;
	void *ksim_private; /* nonzero while added */
	int ksim_dynamic;   /* from cdev_alloc: freed on its last cdev_del */
};

/* include/linux/proc_fs.h (6.1) */
struct proc_ops {
	unsigned int proc_flags;
	int (*proc_open)(struct inode *, struct file *);
	long (*proc_read)(struct file *, char *, unsigned long, long long *);
	long (*proc_read_iter)(struct kiocb *, struct iov_iter *);
	long (*proc_write)(struct file *, const char *, unsigned long, long long *);
	long long (*proc_lseek)(struct file *, long long, int);
	int (*proc_release)(struct inode *, struct file *);
	unsigned int (*proc_poll)(struct file *, struct poll_table_struct *);
	long (*proc_ioctl)(struct file *, unsigned int, unsigned long);
	long (*proc_compat_ioctl)(struct file *, unsigned int, unsigned long);
	int (*proc_mmap)(struct file *, struct vm_area_struct *);
	unsigned long (*proc_get_unmapped_area)(struct file *, unsigned long, unsigned long,
						unsigned long, unsigned long);
};

struct device;
struct attribute_group;

/*
 * `class` is a C++ keyword: ksim's C++ sees the same structure under the tag
 * ksim_class and struct device's `class` member as `dev_class`.
 */
#ifdef __cplusplus
#define KSIM_CLASS ksim_class
#define KSIM_DEV_CLASS dev_class
#define KSIM_SEQ_PRIVATE seq_private
#else
#define KSIM_CLASS class
#define KSIM_DEV_CLASS class
#define KSIM_SEQ_PRIVATE private
#endif

/* include/linux/device/class.h: the fields a driver may set or read. */
struct KSIM_CLASS {
	const char *name;
	struct module *owner;
	char *(*devnode)(const struct device *dev, unsigned short *mode);
	void (*class_release)(struct KSIM_CLASS *cls);
	void (*dev_release)(struct device *dev);
	void *ksim_private;
	unsigned long ksim_reserved[4];
};

/* include/linux/device.h: a device as device_create() returns it. */
struct device {
	struct device *parent;
	const char *init_name;
	unsigned int devt;
	void *driver_data;
	struct KSIM_CLASS *KSIM_DEV_CLASS;
	void (*release)(struct device *dev);
	char ksim_name[64]; /* what dev_name() returns */
	void *ksim_private;
	unsigned long ksim_reserved[4];
};

/* include/linux/miscdevice.h */
struct miscdevice {
	int minor;
	const char *name;
	const struct file_operations *fops;
	struct list_head list;
	struct device *parent;
	struct device *this_device;
	const struct attribute_group **groups;
	const char *nodename;
	unsigned short mode;
};

/* include/linux/seq_file.h */
struct seq_operations {
	void *(*start)(struct seq_file *m, long long *pos);
	void (*stop)(struct seq_file *m, void *v);
	void *(*next)(struct seq_file *m, void *v, long long *pos);
	int (*show)(struct seq_file *m, void *v);
};

struct seq_file {
	char *buf;
	unsigned long size;
	unsigned long from;
	unsigned long count;
	unsigned long pad_until;
	long long index;
	long long read_pos;
	unsigned long ksim_lock[6]; /* Linux's struct mutex lock */
	const struct seq_operations *op;
	int poll_event;
	const struct file *file;
	void *KSIM_SEQ_PRIVATE; /* `private`, a C++ keyword: seq_private there */
};

/* include/linux/sysfs.h, kobject.h */
struct attribute {
	const char *name;
	unsigned short mode;
};

struct kobject;
struct bin_attribute;

struct attribute_group {
	const char *name;
	unsigned short (*is_visible)(struct kobject *, struct attribute *, int);
	unsigned short (*is_bin_visible)(struct kobject *, struct bin_attribute *, int);
	struct attribute **attrs;
	struct bin_attribute **bin_attrs;
};

struct sysfs_ops {
	long (*show)(struct kobject *, struct attribute *, char *);
	long (*store)(struct kobject *, struct attribute *, const char *, unsigned long);
};

struct kobj_type {
	void (*release)(struct kobject *kobj);
	const struct sysfs_ops *sysfs_ops;
	const struct attribute_group **default_groups;
	const void *(*child_ns_type)(struct kobject *kobj);
	const void *(*ksim_namespace)(struct kobject *kobj);
	void (*get_ownership)(struct kobject *kobj, void *uid, void *gid);
};

struct kobject {
	const char *name;
	struct list_head entry;
	struct kobject *parent;
	void *kset;
	const struct kobj_type *ktype;
	void *sd;
	unsigned int ksim_kref; /* Linux's struct kref */
	unsigned int state_initialized : 1;
	unsigned int state_in_sysfs : 1;
	unsigned int state_add_uevent_sent : 1;
	unsigned int state_remove_uevent_sent : 1;
	unsigned int uevent_suppress : 1;
	void *ksim_private;
};

struct kobj_attribute {
	struct attribute attr;
	long (*show)(struct kobject *kobj, struct kobj_attribute *attr, char *buf);
	long (*store)(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
		      unsigned long count);
};

/* include/linux/device.h: an attribute file in a device's sysfs directory. */
struct device_attribute {
	struct attribute attr;
	long (*show)(struct device *dev, struct device_attribute *attr, char *buf);
	long (*store)(struct device *dev, struct device_attribute *attr, const char *buf,
		      unsigned long count);
};

#ifdef __cplusplus
}
#endif

#endif /* _KSIM_FS_ABI_H */
