/* SPDX-License-Identifier: GPL-2.0 */
/* ksim: device classes (struct class in ksim/fs_abi.h). */
#ifndef _DEVICE_CLASS_H_
#define _DEVICE_CLASS_H_

#include <ksim/fs_abi.h>

struct module;
struct lock_class_key; /* lockdep's; only its address is passed here */

extern struct class *__must_check __class_create(struct module *owner, const char *name,
						 struct lock_class_key *key);
extern void class_destroy(struct class *cls);

/* 6.1: the owner argument is still there (dropped in 6.4). */
#define class_create(owner, name)                          \
	({                                                 \
		static char __key;                         \
		__class_create(owner, name, (struct lock_class_key *)&__key); \
	})

#endif
