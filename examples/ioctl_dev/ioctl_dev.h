/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * ioctl_dev.h: the ioctl interface of /dev/ioctl_dev, shared by the module
 * and user programs like a uapi header: only <linux/ioctl.h> and
 * <linux/types.h>, which exist in both worlds.
 */
#ifndef IOCTL_DEV_H
#define IOCTL_DEV_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define IOCTL_DEV_NAME_LEN 32

struct ioctl_dev_pair {
	__s32 a;
	__s32 b;
	__s32 sum; /* filled by IOCTL_DEV_ADD */
};

struct ioctl_dev_name {
	char name[IOCTL_DEV_NAME_LEN];
};

#define IOCTL_DEV_MAGIC 'k'

#define IOCTL_DEV_RESET    _IO(IOCTL_DEV_MAGIC, 0)
#define IOCTL_DEV_GET      _IOR(IOCTL_DEV_MAGIC, 1, __s32)
#define IOCTL_DEV_SET      _IOW(IOCTL_DEV_MAGIC, 2, __s32)
#define IOCTL_DEV_ADD      _IOWR(IOCTL_DEV_MAGIC, 3, struct ioctl_dev_pair)
#define IOCTL_DEV_GET_NAME _IOR(IOCTL_DEV_MAGIC, 4, struct ioctl_dev_name)
#define IOCTL_DEV_SET_NAME _IOW(IOCTL_DEV_MAGIC, 5, struct ioctl_dev_name)

#endif
