/* SPDX-License-Identifier: GPL-2.0 */
/* ksim: the timer tick rate of the simulated kernel (Debian's CONFIG_HZ=250). */
#ifndef __ASM_GENERIC_PARAM_H
#define __ASM_GENERIC_PARAM_H

#define HZ CONFIG_HZ
#define USER_HZ 100
#define CLOCKS_PER_SEC (USER_HZ)
#define EXEC_PAGESIZE 4096
#define NOGROUP (-1)
#define MAXHOSTNAMELEN 64

#endif
