/* SPDX-License-Identifier: GPL-2.0 */
/* ksim: container_of(), from a member pointer back to its enclosing struct. */
#ifndef _LINUX_CONTAINER_OF_H
#define _LINUX_CONTAINER_OF_H

#include <linux/build_bug.h>
#include <linux/stddef.h>

/*
 * The static_assert rejects a ptr whose type is neither the member's nor
 * void *, which catches passing the wrong member.
 */
#define container_of(ptr, type, member)                                        \
	({                                                                     \
		void *__mptr = (void *)(ptr);                                  \
		static_assert(__same_type(*(ptr), ((type *)0)->member) ||      \
				      __same_type(*(ptr), void),               \
			      "pointer type mismatch in container_of()");      \
		((type *)(__mptr - offsetof(type, member)));                   \
	})

/* Like container_of, but passes through NULL and ERR_PTR values. */
#define container_of_safe(ptr, type, member)                                   \
	({                                                                     \
		void *__mptr = (void *)(ptr);                                  \
		static_assert(__same_type(*(ptr), ((type *)0)->member) ||      \
				      __same_type(*(ptr), void),               \
			      "pointer type mismatch in container_of_safe()"); \
		IS_ERR_OR_NULL(__mptr) ? ERR_CAST(__mptr)                      \
				       : ((type *)(__mptr - offsetof(type, member))); \
	})

#endif
