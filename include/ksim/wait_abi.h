/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The wait-queue structures that modules declare and ksim's wait, completion
 * and poll code (src/api/wait.cpp, completion.cpp, src/vfs/poll_table.cpp)
 * walk: one layout for the C headers (linux/wait.h, completion.h, poll.h)
 * and ksim's C++. Linux 6.1 member names.
 */
#ifndef _KSIM_WAIT_ABI_H
#define _KSIM_WAIT_ABI_H

#include "abi.h"
#include "../linux/spinlock_types.h"

#ifdef __cplusplus
extern "C" {
#define KSIM_WQ_PRIVATE wq_private
#else
#define KSIM_WQ_PRIVATE private
#endif

struct wait_queue_entry;
typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq_entry, unsigned mode, int flags,
				 void *key);

/* `private` is a C++ keyword: ksim's C++ sees it as wq_private. */
struct wait_queue_entry {
	unsigned int flags;
	void *KSIM_WQ_PRIVATE;
	wait_queue_func_t func;
	struct list_head entry;
};

struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
};

struct completion {
	unsigned int done;
	struct wait_queue_head wait;
};

struct file;
struct poll_table_struct;
typedef void (*poll_queue_proc)(struct file *, struct wait_queue_head *,
				struct poll_table_struct *);

struct poll_table_struct {
	poll_queue_proc _qproc;
	unsigned int _key;
};

#ifdef __cplusplus
}
#endif

#endif /* _KSIM_WAIT_ABI_H */
