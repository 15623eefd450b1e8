/* SPDX-License-Identifier: GPL-2.0 */
/* ksim: struct cdev (layout in ksim/fs_abi.h) and its registration. */
#ifndef _LINUX_CDEV_H
#define _LINUX_CDEV_H

#include <linux/fs.h>
#include <linux/kdev_t.h>
#include <linux/list.h>

struct device;

void cdev_init(struct cdev *, const struct file_operations *);
struct cdev *cdev_alloc(void);
int cdev_add(struct cdev *, dev_t, unsigned);
void cdev_del(struct cdev *);

#endif
