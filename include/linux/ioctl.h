/* SPDX-License-Identifier: GPL-2.0 */
/* ksim: _IO/_IOR/_IOW/_IOWR and the _IOC_* decoders for drivers. */
#ifndef _LINUX_IOCTL_H
#define _LINUX_IOCTL_H
#include <uapi/linux/ioctl.h>
#endif
