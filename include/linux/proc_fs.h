/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: /proc entries for modules: struct proc_ops (layout in ksim/fs_abi.h),
 * proc_create and friends, proc_create_seq/single over seq_file, pde_data.
 */
#ifndef _LINUX_PROC_FS_H
#define _LINUX_PROC_FS_H

#include <ksim/fs_abi.h>
#include <linux/types.h>
#include <linux/fs.h>
#include <linux/uidgid.h>

struct seq_operations;
struct seq_file;

#define PROC_ENTRY_PERMANENT 1U

extern struct proc_dir_entry *proc_create_data(const char *, umode_t, struct proc_dir_entry *,
					       const struct proc_ops *, void *);
extern struct proc_dir_entry *proc_create(const char *name, umode_t mode,
					  struct proc_dir_entry *parent,
					  const struct proc_ops *proc_ops);
extern struct proc_dir_entry *proc_mkdir(const char *, struct proc_dir_entry *);
extern struct proc_dir_entry *proc_mkdir_data(const char *, umode_t, struct proc_dir_entry *,
					      void *);
extern struct proc_dir_entry *proc_mkdir_mode(const char *, umode_t, struct proc_dir_entry *);

struct proc_dir_entry *proc_create_seq_private(const char *name, umode_t mode,
					       struct proc_dir_entry *parent,
					       const struct seq_operations *ops,
					       unsigned int state_size, void *data);
#define proc_create_seq_data(name, mode, parent, ops, data) \
	proc_create_seq_private(name, mode, parent, ops, 0, data)
#define proc_create_seq(name, mode, parent, ops) \
	proc_create_seq_private(name, mode, parent, ops, 0, NULL)

struct proc_dir_entry *proc_create_single_data(const char *name, umode_t mode,
					       struct proc_dir_entry *parent,
					       int (*show)(struct seq_file *, void *), void *data);
#define proc_create_single(name, mode, parent, show) \
	proc_create_single_data(name, mode, parent, show, NULL)

extern void proc_set_size(struct proc_dir_entry *, loff_t);
extern void proc_set_user(struct proc_dir_entry *, kuid_t, kgid_t);
extern void *pde_data(const struct inode *inode);
extern void remove_proc_entry(const char *, struct proc_dir_entry *);
extern int remove_proc_subtree(const char *, struct proc_dir_entry *);
extern void proc_remove(struct proc_dir_entry *);

#endif /* _LINUX_PROC_FS_H */
