/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The binary interface between a module and ksim: the structures that a
 * module's object file contains and that ksim's loader reads or writes
 * (struct module, parameters, export tables). It is plain C that also compiles
 * as C++, so the headers modules include and ksim's own C++ share one
 * definition. Field names follow Linux 6.1 where a module can name them.
 */
#ifndef _KSIM_ABI_H
#define _KSIM_ABI_H

#ifdef __cplusplus
extern "C" {
#endif

#define MODULE_NAME_LEN (64 - sizeof(unsigned long))

#ifndef _KSIM_LIST_HEAD_DEFINED
#define _KSIM_LIST_HEAD_DEFINED
struct list_head {
	struct list_head *next, *prev;
};
#endif

/* include/linux/module.h: enum module_state */
enum module_state {
	MODULE_STATE_LIVE,
	MODULE_STATE_COMING,
	MODULE_STATE_GOING,
	MODULE_STATE_UNFORMED,
};

/*
 * The module's own descriptor, emitted by modpost into the generated .mod.c
 * in section .gnu.linkonce.this_module. The loader checks that the section
 * has exactly this size, as Linux does.
 */
struct module {
	enum module_state state;
	struct list_head list;
	char name[MODULE_NAME_LEN];
	int (*init)(void);
	void (*exit)(void);
	/* ksim's kernel-side record of this module; set by the loader. */
	void *ksim_private;
	/* Parameters, filled in by the loader from the __param section. */
	struct kernel_param *kp;
	unsigned int num_kp;
	/* Reserved so that future fields do not change the section size. */
	unsigned long ksim_reserved[8];
};

/* include/linux/export.h: one entry of __ksymtab / __ksymtab_gpl. */
struct kernel_symbol {
	unsigned long value;
	const char *name;
	const char *namespace_name;
};

struct kernel_param;

/* include/linux/moduleparam.h */
struct kernel_param_ops {
	unsigned int flags;
	int (*set)(const char *val, const struct kernel_param *kp);
	int (*get)(char *buffer, const struct kernel_param *kp);
	void (*free)(void *arg);
};

#define KERNEL_PARAM_OPS_FL_NOARG (1 << 0)
#define KERNEL_PARAM_FL_UNSAFE (1 << 0)
#define KERNEL_PARAM_FL_HWPARAM (1 << 1)

struct kparam_string {
	unsigned int maxlen;
	char *string;
};

struct kparam_array {
	unsigned int max;
	unsigned int elemsize;
	unsigned int *num;
	const struct kernel_param_ops *ops;
	void *elem;
};

/* One entry of the __param section, as module_param() emits it. */
struct kernel_param {
	const char *name;
	struct module *mod;
	const struct kernel_param_ops *ops;
	const unsigned short perm;
	signed char level;
	unsigned char flags;
	union {
		void *arg;
		const struct kparam_string *str;
		const struct kparam_array *arr;
	};
};

/*
 * include/linux/sched.h: the part of a task that modules read through
 * `current` (pid, tgid, comm). ksim's TaskTable owns one per task.
 */
#define TASK_COMM_LEN 16
struct task_struct {
	unsigned int __state;
	int pid;
	int tgid;
	char comm[TASK_COMM_LEN];
	void *ksim_private;
	/* Execution context, kept by ksim's preempt/irq/lock functions. */
	int ksim_preempt_count;
	int ksim_irqs_disabled;
	unsigned long ksim_reserved[7];
};

#ifdef __cplusplus
}
#endif

#endif /* _KSIM_ABI_H */
