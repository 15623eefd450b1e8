/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/* ksim: the SIGPOLL si_codes kill_fasync() takes as its band argument. */
#ifndef _UAPI_ASM_GENERIC_SIGINFO_H
#define _UAPI_ASM_GENERIC_SIGINFO_H

#define POLL_IN 1
#define POLL_OUT 2
#define POLL_MSG 3
#define POLL_ERR 4
#define POLL_PRI 5
#define POLL_HUP 6
#define NSIGPOLL 6

#endif
