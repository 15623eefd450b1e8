/* SPDX-License-Identifier: GPL-2.0 */
/* ksim: signal numbers and si_codes as kernel code names them. */
#ifndef _LINUX_SIGNAL_H
#define _LINUX_SIGNAL_H

#include <uapi/asm-generic/signal.h>
#include <uapi/asm-generic/siginfo.h>

#endif
