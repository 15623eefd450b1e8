/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: sysfs attributes (struct attribute, attribute_group, sysfs_ops in
 * ksim/fs_abi.h), the __ATTR family, sysfs_create_file/group, sysfs_emit.
 */
#ifndef _SYSFS_H_
#define _SYSFS_H_

#include <ksim/fs_abi.h>
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/build_bug.h>
#include <linux/stringify.h>
#include <linux/kernel.h>

struct kobject;

/* include/linux/kernel.h: compile-time sanity of sysfs modes (no world
 * write, no more rights for others than for group, group than user). */
#ifndef VERIFY_OCTAL_PERMISSIONS
#define VERIFY_OCTAL_PERMISSIONS(perms)                                            \
	(BUILD_BUG_ON_ZERO((perms) < 0) + BUILD_BUG_ON_ZERO((perms) > 0777) +      \
	 BUILD_BUG_ON_ZERO((((perms) >> 6) & 4) < (((perms) >> 3) & 4)) +          \
	 BUILD_BUG_ON_ZERO((((perms) >> 3) & 4) < ((perms) & 4)) +                 \
	 BUILD_BUG_ON_ZERO((((perms) >> 6) & 2) < (((perms) >> 3) & 2)) +          \
	 BUILD_BUG_ON_ZERO((perms) & 2) + (perms))
#endif

#define __ATTR(_name, _mode, _show, _store)                                              \
	{                                                                                \
		.attr = { .name = __stringify(_name),                                    \
			  .mode = VERIFY_OCTAL_PERMISSIONS(_mode) },                     \
		.show = _show, .store = _store,                                          \
	}

#define __ATTR_RO_MODE(_name, _mode)                                                     \
	{                                                                                \
		.attr = { .name = __stringify(_name),                                    \
			  .mode = VERIFY_OCTAL_PERMISSIONS(_mode) },                     \
		.show = _name##_show,                                                    \
	}

#define __ATTR_RO(_name)                                                                 \
	{                                                                                \
		.attr = { .name = __stringify(_name), .mode = 0444 }, .show = _name##_show, \
	}

#define __ATTR_RW_MODE(_name, _mode)                                                     \
	{                                                                                \
		.attr = { .name = __stringify(_name),                                    \
			  .mode = VERIFY_OCTAL_PERMISSIONS(_mode) },                     \
		.show = _name##_show, .store = _name##_store,                            \
	}

#define __ATTR_WO(_name)                                                                 \
	{                                                                                \
		.attr = { .name = __stringify(_name), .mode = 0200 }, .store = _name##_store, \
	}

#define __ATTR_RW(_name) __ATTR(_name, 0644, _name##_show, _name##_store)

#define __ATTR_NULL                                                                      \
	{                                                                                \
		.attr = { .name = NULL }                                                 \
	}

#define ATTRIBUTE_GROUPS(_name)                                                          \
	static const struct attribute_group _name##_group = {                            \
		.attrs = _name##_attrs,                                                  \
	};                                                                               \
	static const struct attribute_group *_name##_groups[] = {                        \
		&_name##_group,                                                          \
		NULL,                                                                    \
	}

int __must_check sysfs_create_file_ns(struct kobject *kobj, const struct attribute *attr,
				      const void *ns);
void sysfs_remove_file_ns(struct kobject *kobj, const struct attribute *attr, const void *ns);
int __must_check sysfs_create_group(struct kobject *kobj, const struct attribute_group *grp);
void sysfs_remove_group(struct kobject *kobj, const struct attribute_group *grp);

static inline int __must_check sysfs_create_file(struct kobject *kobj,
						 const struct attribute *attr)
{
	return sysfs_create_file_ns(kobj, attr, NULL);
}

static inline void sysfs_remove_file(struct kobject *kobj, const struct attribute *attr)
{
	sysfs_remove_file_ns(kobj, attr, NULL);
}

__printf(2, 3) int sysfs_emit(char *buf, const char *fmt, ...);
__printf(3, 4) int sysfs_emit_at(char *buf, int at, const char *fmt, ...);

#endif /* _SYSFS_H_ */
