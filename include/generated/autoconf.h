/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: the configuration options of the simulated kernel, a subset of the
 * Debian 12 6.1 amd64 config limited to options that change module code.
 * Options ksim does not model are left undefined (as "is not set").
 */
#ifndef _KSIM_GENERATED_AUTOCONF_H
#define _KSIM_GENERATED_AUTOCONF_H

#define CONFIG_64BIT 1
#define CONFIG_X86 1
#define CONFIG_X86_64 1
#define CONFIG_SMP 1
#define CONFIG_NR_CPUS 8192
#define CONFIG_PREEMPT_DYNAMIC 1
#define CONFIG_PREEMPT_VOLUNTARY 1
#define CONFIG_PREEMPT_BUILD 1
#define CONFIG_PREEMPT_COUNT 1
#define CONFIG_PREEMPTION 1
#define CONFIG_PREEMPT_RCU 1
#define CONFIG_HZ 250
#define CONFIG_HZ_250 1
#define CONFIG_MODULES 1
#define CONFIG_MODULE_UNLOAD 1
#define CONFIG_MODVERSIONS 1
#define CONFIG_PRINTK 1
#define CONFIG_DYNAMIC_DEBUG 1
#define CONFIG_SLUB 1
#define CONFIG_SYSFS 1
#define CONFIG_PROC_FS 1
#define CONFIG_DEBUG_FS 1
#define CONFIG_MMU 1
#define CONFIG_BUG 1
#define CONFIG_GENERIC_BUG 1
#define CONFIG_TRACING 1
#define CONFIG_CC_IS_GCC 1
#define CONFIG_GCC_VERSION 120200

#endif
