/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/* ksim: struct_group helpers shared with user space. */
#ifndef _UAPI_LINUX_STDDEF_H
#define _UAPI_LINUX_STDDEF_H

#include <linux/compiler_types.h>

/*
 * A set of members that can be addressed both individually and as one
 * named struct (for memcpy of a sub-range without overflowing a member).
 */
#define __struct_group(TAG, NAME, ATTRS, MEMBERS...)                           \
	union {                                                                \
		struct {                                                       \
			MEMBERS                                                \
		} ATTRS;                                                       \
		struct TAG {                                                   \
			MEMBERS                                                \
		} ATTRS NAME;                                                  \
	}

#define __DECLARE_FLEX_ARRAY(TYPE, NAME)                                       \
	struct {                                                               \
		struct {                                                       \
		} __empty_##NAME;                                              \
		TYPE NAME[];                                                   \
	}
#endif
