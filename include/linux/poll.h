/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: what a driver's ->poll uses (Linux 6.1 include/linux/poll.h).
 * poll_wait() hands the driver's wait queue to the poll table's queueing
 * function; ksim's VFS supplies one that wakes the polling host program
 * (through FUSE's poll notification) when the driver wakes that queue.
 */
#ifndef _LINUX_POLL_H
#define _LINUX_POLL_H

#include <linux/compiler.h>
#include <linux/wait.h>
#include <linux/fs.h>
#include <uapi/linux/poll.h>
#include <uapi/linux/eventpoll.h>

#define DEFAULT_POLLMASK (EPOLLIN | EPOLLOUT | EPOLLRDNORM | EPOLLWRNORM)

/* struct poll_table_struct and poll_queue_proc: ksim/wait_abi.h */
typedef struct poll_table_struct poll_table;

static inline void poll_wait(struct file *filp, wait_queue_head_t *wait_address, poll_table *p)
{
	if (p && p->_qproc && wait_address)
		p->_qproc(filp, wait_address, p);
}

static inline bool poll_does_not_wait(const poll_table *p)
{
	return p == NULL || p->_qproc == NULL;
}

static inline __poll_t poll_requested_events(const poll_table *p)
{
	return p ? p->_key : ~(__poll_t)0;
}

static inline void init_poll_funcptr(poll_table *pt, poll_queue_proc qproc)
{
	pt->_qproc = qproc;
	pt->_key = ~(__poll_t)0;
}

static inline __poll_t vfs_poll(struct file *file, struct poll_table_struct *pt)
{
	if (unlikely(!file->f_op->poll))
		return DEFAULT_POLLMASK;
	return file->f_op->poll(file, pt);
}

static inline __u16 mangle_poll(__poll_t val)
{
	return (__u16)val;
}

static inline __poll_t demangle_poll(u16 val)
{
	return (__poll_t)val;
}

#endif /* _LINUX_POLL_H */
