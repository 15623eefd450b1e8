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
#include <linux/dev_printk.h>
#include <linux/sysfs.h>

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

/* struct device_attribute (an attribute file of a device): ksim/fs_abi.h */
#define DEVICE_ATTR(_name, _mode, _show, _store)                               \
	struct device_attribute dev_attr_##_name = __ATTR(_name, _mode, _show, _store)
#define DEVICE_ATTR_PREALLOC(_name, _mode, _show, _store)                      \
	DEVICE_ATTR(_name, _mode, _show, _store)
#define DEVICE_ATTR_RW(_name) struct device_attribute dev_attr_##_name = __ATTR_RW(_name)
#define DEVICE_ATTR_ADMIN_RW(_name)                                            \
	struct device_attribute dev_attr_##_name = __ATTR_RW_MODE(_name, 0600)
#define DEVICE_ATTR_RO(_name) struct device_attribute dev_attr_##_name = __ATTR_RO(_name)
#define DEVICE_ATTR_ADMIN_RO(_name)                                            \
	struct device_attribute dev_attr_##_name = __ATTR_RO_MODE(_name, 0400)
#define DEVICE_ATTR_WO(_name) struct device_attribute dev_attr_##_name = __ATTR_WO(_name)

int device_create_file(struct device *device, const struct device_attribute *entry);
void device_remove_file(struct device *dev, const struct device_attribute *attr);

/* drivers/base/core.c: the driver's name, else the bus's, else the class's. */
const char *dev_driver_string(const struct device *dev);

__printf(5, 6) struct device *device_create(struct class *cls, struct device *parent, dev_t devt,
					    void *drvdata, const char *fmt, ...);
void device_destroy(struct class *cls, dev_t devt);

#endif
