/* SPDX-License-Identifier: GPL-2.0 */
/* ksim: O_* flags a driver tests in file->f_flags (O_NONBLOCK, O_APPEND...). */
#ifndef _LINUX_FCNTL_H
#define _LINUX_FCNTL_H
#include <uapi/asm-generic/fcntl.h>
#endif
