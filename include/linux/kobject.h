/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: kobjects (struct kobject, kobj_type, kobj_attribute in
 * ksim/fs_abi.h): creation, reference counting, kernel_kobj.
 */
#ifndef _KOBJECT_H_
#define _KOBJECT_H_

#include <ksim/fs_abi.h>
#include <linux/types.h>
#include <linux/list.h>
#include <linux/sysfs.h>
#include <linux/compiler.h>

extern struct kobject *kernel_kobj;

static inline const char *kobject_name(const struct kobject *kobj)
{
	return kobj->name;
}

__printf(2, 3) int kobject_set_name(struct kobject *kobj, const char *name, ...);
extern void kobject_init(struct kobject *kobj, const struct kobj_type *ktype);
__printf(3, 4) __must_check int kobject_add(struct kobject *kobj, struct kobject *parent,
					     const char *fmt, ...);
__printf(4, 5) __must_check int kobject_init_and_add(struct kobject *kobj,
						      const struct kobj_type *ktype,
						      struct kobject *parent, const char *fmt, ...);
extern void kobject_del(struct kobject *kobj);
extern struct kobject *__must_check kobject_create_and_add(const char *name,
							   struct kobject *parent);
extern struct kobject *kobject_get(struct kobject *kobj);
extern void kobject_put(struct kobject *kobj);

#endif /* _KOBJECT_H_ */
