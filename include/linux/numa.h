/* SPDX-License-Identifier: GPL-2.0 */
/* ksim: NUMA node numbers; the simulated machine has one node. */
#ifndef _LINUX_NUMA_H
#define _LINUX_NUMA_H

#define NODES_SHIFT 0
#define MAX_NUMNODES (1 << NODES_SHIFT)
#define NUMA_NO_NODE (-1)

#endif
