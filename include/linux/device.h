/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: devices and classes as char drivers use them: class_create (6.1's
 * two-argument form), device_create/device_destroy, drvdata, dev_name.
 * struct device and struct class are laid out in ksim/fs_abi.h.
 */
#ifndef _LINUX_DEVICE_H
#define _LINUX_DEVICE_H

#include <ksim/fs_abi.h>
#include <linux/types.h>
#include <linux/kdev_t.h>
#include <linux/err.h>
#include <linux/compiler.h>
#include <linux/device/class.h>

struct module;

static inline const char *dev_name(const struct device *dev)
{
	return dev->init_name ? dev->init_name : dev->ksim_name;
}

static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}

static inline void dev_set_drvdata(struct device *dev, void *data)
{
	dev->driver_data = data;
}

__printf(5, 6) struct device *device_create(struct class *cls, struct device *parent, dev_t devt,
					    void *drvdata, const char *fmt, ...);
void device_destroy(struct class *cls, dev_t devt);

#endif
