/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: section markers for code and data needed only while a module
 * initialises (__init, __initdata, __initconst) or only when it is unloaded
 * (__exit, __exitdata), and the initcall types module_init() checks against.
 * ksim's loader makes the .init.* sections inaccessible once init returns.
 */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/compiler.h>
#include <linux/types.h>

#define __init __section(".init.text") __cold __latent_entropy __noinitretpoline
#define __initdata __section(".init.data")
#define __initconst __section(".init.rodata")
#define __exitdata __section(".exit.data")
#define __exit_call __used __section(".exitcall.exit")

/* In a module, exit code is kept (it runs at rmmod). */
#define __exitused __used
#define __exit __section(".exit.text") __exitused __cold notrace

/* CPU and memory hotplug variants: plain code/data in ksim, as in Linux. */
#define __ref __section(".ref.text") noinline
#define __refdata __section(".ref.data")
#define __refconst __section(".ref.rodata")
#define __meminit
#define __meminitdata
#define __meminitconst
#define __memexit
#define __memexitdata
#define __memexitconst
#define __devinit
#define __devinitdata
#define __devexit
#define __init_or_module
#define __initdata_or_module

#define __HEAD .section ".head.text", "ax"
#define __INIT .section ".init.text", "ax"
#define __FINIT .previous
#define __INITDATA .section ".init.data", "aw", % progbits
#define __INITRODATA .section ".init.rodata", "a", % progbits

#ifndef __ASSEMBLY__
/* The types module_init() and module_exit() require of their function. */
typedef int (*initcall_t)(void);
typedef void (*exitcall_t)(void);
typedef initcall_t initcall_entry_t;

static inline initcall_t initcall_from_entry(initcall_entry_t *entry)
{
	return *entry;
}

#endif

/* Kernel command-line hooks do not exist for a module. */
#define __setup(str, fn)
#define __setup_param(str, unique_id, fn, early)
#define early_param(str, fn)
#define early_param_on_off(str_on, str_off, var, config)

#define __nosavedata __section(".data..nosave")

#endif /* _LINUX_INIT_H */
