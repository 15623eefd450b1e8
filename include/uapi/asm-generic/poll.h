/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/* ksim: poll(2) event bits (Linux 6.1 include/uapi/asm-generic/poll.h). */
#ifndef __ASM_GENERIC_POLL_H
#define __ASM_GENERIC_POLL_H

#define POLLIN 0x0001
#define POLLPRI 0x0002
#define POLLOUT 0x0004
#define POLLERR 0x0008
#define POLLHUP 0x0010
#define POLLNVAL 0x0020
#define POLLRDNORM 0x0040
#define POLLRDBAND 0x0080
#define POLLWRNORM 0x0100
#define POLLWRBAND 0x0200
#define POLLMSG 0x0400
#define POLLREMOVE 0x1000
#define POLLRDHUP 0x2000

#define POLLFREE (__force __poll_t)0x4000
#define POLL_BUSY_LOOP (__force __poll_t)0x8000

struct pollfd {
	int fd;
	short events;
	short revents;
};

#endif
