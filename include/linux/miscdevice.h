/* SPDX-License-Identifier: GPL-2.0 */
/* ksim: misc char devices on major 10 (struct miscdevice in ksim/fs_abi.h). */
#ifndef _LINUX_MISCDEVICE_H
#define _LINUX_MISCDEVICE_H

#include <linux/fs.h>
#include <linux/major.h>
#include <linux/device.h>

#define PSMOUSE_MINOR 1
#define MS_BUSMOUSE_MINOR 2
#define ATIXL_BUSMOUSE_MINOR 3
#define WATCHDOG_MINOR 130
#define TEMP_MINOR 131
#define RTC_MINOR 135
#define NVRAM_MINOR 144
#define MISC_MCELOG_MINOR 227
#define HPET_MINOR 228
#define FUSE_MINOR 229
#define KVM_MINOR 232
#define BTRFS_MINOR 234
#define AUTOFS_MINOR 235
#define MAPPER_CTRL_MINOR 236
#define LOOP_CTRL_MINOR 237
#define VHOST_NET_MINOR 238
#define UHID_MINOR 239
#define USERIO_MINOR 240
#define VHOST_VSOCK_MINOR 241
#define RFKILL_MINOR 242
#define MISC_DYNAMIC_MINOR 255

extern int misc_register(struct miscdevice *misc);
extern void misc_deregister(struct miscdevice *misc);

#define module_misc_device(__misc_device)                                 \
	static int __init __misc_device##_init(void)                      \
	{                                                                 \
		return misc_register(&(__misc_device));                   \
	}                                                                 \
	module_init(__misc_device##_init);                                \
	static void __exit __misc_device##_exit(void)                     \
	{                                                                 \
		misc_deregister(&(__misc_device));                        \
	}                                                                 \
	module_exit(__misc_device##_exit)

#endif
