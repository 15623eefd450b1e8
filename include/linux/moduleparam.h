/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: module parameters. Each module_param*() puts one struct
 * kernel_param (ksim/abi.h) into the __param section, pointing at the
 * variable and at the exported param_ops_<type> that parses and prints it,
 * plus "parmtype=name:type" (and, with MODULE_PARM_DESC, "parm=name:desc")
 * strings into .modinfo. ksim's loader reads both, as Linux's does.
 */
#ifndef _LINUX_MODULE_PARAMS_H
#define _LINUX_MODULE_PARAMS_H

#include <ksim/abi.h>
#include <linux/init.h>
#include <linux/stringify.h>
#include <linux/kernel.h>

/* A module's parameters have no "modname." prefix (built-in ones do). */
#define MODULE_PARAM_PREFIX ""

#define MAX_PARAM_PREFIX_LEN (64 - sizeof(unsigned long))

/* The kernel_param table is read-only on x86-64. */
#define __moduleparam_const const

/*
 * One "tag=value" string in .modinfo. The array name is made unique with
 * __COUNTER__ so that a tag can appear several times (e.g. MODULE_AUTHOR).
 */
#define __MODULE_INFO(tag, name, info)                                         \
	static const char __UNIQUE_ID(name)[] __used __section(".modinfo")     \
		__aligned(1) = __stringify(tag) "=" info

/* A human readable description shown by modinfo: "parm=name:desc". */
#define MODULE_PARM_DESC(_parm, desc) __MODULE_INFO(parm, _parm, #_parm ":" desc)

/* The type shown by modinfo: "parmtype=name:type". */
#define __MODULE_PARM_TYPE(name, _type) __MODULE_INFO(parmtype, name##type, #name ":" _type)

/*
 * Emits the __param entry. `perm` is checked at compile time like sysfs
 * permissions (VERIFY_OCTAL_PERMISSIONS: no world-writable parameters).
 */
#define __module_param_call(prefix, name, ops, arg, perm, level, flags)       \
	static const char __param_str_##name[] = prefix #name;                 \
	static struct kernel_param __moduleparam_const __param_##name __used   \
		__section("__param") __aligned(__alignof__(struct kernel_param)) \
		= { __param_str_##name, THIS_MODULE, ops,                      \
		    VERIFY_OCTAL_PERMISSIONS(perm), level, flags, { arg } }

#define module_param_cb(name, ops, arg, perm)                                  \
	__module_param_call(MODULE_PARAM_PREFIX, name, ops, arg, perm, -1, 0)
#define module_param_cb_unsafe(name, ops, arg, perm)                           \
	__module_param_call(MODULE_PARAM_PREFIX, name, ops, arg, perm, -1,     \
			    KERNEL_PARAM_FL_UNSAFE)

/*
 * param_check_<type>(name, p): a never-called function returning p as a
 * pointer to the C type of <type>, so a variable of the wrong type is a
 * compile error (or warning), as with Linux's headers.
 */
#define __param_check(name, p, type)                                           \
	static inline type __always_unused *__check_##name(void)               \
	{                                                                      \
		return (p);                                                    \
	}

#define param_check_byte(name, p) __param_check(name, p, unsigned char)
#define param_check_short(name, p) __param_check(name, p, short)
#define param_check_ushort(name, p) __param_check(name, p, unsigned short)
#define param_check_int(name, p) __param_check(name, p, int)
#define param_check_uint(name, p) __param_check(name, p, unsigned int)
#define param_check_long(name, p) __param_check(name, p, long)
#define param_check_ulong(name, p) __param_check(name, p, unsigned long)
#define param_check_ullong(name, p) __param_check(name, p, unsigned long long)
#define param_check_hexint(name, p) __param_check(name, p, unsigned int)
#define param_check_charp(name, p) __param_check(name, p, char *)
#define param_check_bool(name, p) __param_check(name, p, bool)
#define param_check_bool_enable_only param_check_bool
#define param_check_invbool(name, p) __param_check(name, p, bool)
#define param_check_bint param_check_int

/* module_param(name, type, perm): a parameter named like its variable. */
#define module_param(name, type, perm) module_param_named(name, name, type, perm)

#define module_param_unsafe(name, type, perm) module_param_named_unsafe(name, name, type, perm)

/* module_param_named(name, var, type, perm): parameter `name` for `var`. */
#define module_param_named(name, value, type, perm)                            \
	param_check_##type(name, &(value));                                    \
	module_param_cb(name, &param_ops_##type, &value, perm);                \
	__MODULE_PARM_TYPE(name, #type)

#define module_param_named_unsafe(name, value, type, perm)                     \
	param_check_##type(name, &(value));                                    \
	module_param_cb_unsafe(name, &param_ops_##type, &value, perm);         \
	__MODULE_PARM_TYPE(name, #type)

/* module_param_string(name, buf, len, perm): copied into a char array. */
#define module_param_string(name, string, len, perm)                           \
	static const struct kparam_string __param_string_##name = { len, string }; \
	__module_param_call(MODULE_PARAM_PREFIX, name, &param_ops_string,      \
			    .str = &__param_string_##name, perm, -1, 0);       \
	__MODULE_PARM_TYPE(name, "string")

/*
 * module_param_array(name, type, nump, perm): a comma-separated list into
 * the array `name`; *nump (if nump is not NULL) receives the count given.
 */
#define module_param_array(name, type, nump, perm)                             \
	module_param_array_named(name, name, type, nump, perm)

#define module_param_array_named(name, array, type, nump, perm)                \
	param_check_##type(name, &(array)[0]);                                 \
	static const struct kparam_array __param_arr_##name = {                \
		.max = ARRAY_SIZE(array),                                      \
		.num = nump,                                                   \
		.ops = &param_ops_##type,                                      \
		.elemsize = sizeof(array[0]),                                  \
		.elem = array                                                  \
	};                                                                     \
	__module_param_call(MODULE_PARAM_PREFIX, name, &param_array_ops,       \
			    .arr = &__param_arr_##name, perm, -1, 0);          \
	__MODULE_PARM_TYPE(name, "array of " #type)

/* Hardware parameters (io=, irq=, ...): flagged so a locked-down kernel may refuse them. */
#define module_param_hw_named(name, value, type, hwtype, perm)                 \
	param_check_##type(name, &(value));                                    \
	__module_param_call(MODULE_PARAM_PREFIX, name, &param_ops_##type,      \
			    &value, perm, -1, KERNEL_PARAM_FL_HWPARAM);        \
	__MODULE_PARM_TYPE(name, #type)
#define module_param_hw(name, type, hwtype, perm)                              \
	module_param_hw_named(name, name, type, hwtype, perm)
#define module_param_hw_array(name, type, hwtype, nump, perm)                  \
	module_param_array(name, type, nump, perm)

/* Serialises parameter reads/writes through sysfs against the module. */
extern void kernel_param_lock(struct module *mod);
extern void kernel_param_unlock(struct module *mod);

/* The parsers and printers of each parameter type, exported by ksim. */
extern const struct kernel_param_ops param_ops_byte;
extern int param_set_byte(const char *val, const struct kernel_param *kp);
extern int param_get_byte(char *buffer, const struct kernel_param *kp);

extern const struct kernel_param_ops param_ops_short;
extern int param_set_short(const char *val, const struct kernel_param *kp);
extern int param_get_short(char *buffer, const struct kernel_param *kp);

extern const struct kernel_param_ops param_ops_ushort;
extern int param_set_ushort(const char *val, const struct kernel_param *kp);
extern int param_get_ushort(char *buffer, const struct kernel_param *kp);

extern const struct kernel_param_ops param_ops_int;
extern int param_set_int(const char *val, const struct kernel_param *kp);
extern int param_get_int(char *buffer, const struct kernel_param *kp);

extern const struct kernel_param_ops param_ops_uint;
extern int param_set_uint(const char *val, const struct kernel_param *kp);
extern int param_get_uint(char *buffer, const struct kernel_param *kp);
int param_set_uint_minmax(const char *val, const struct kernel_param *kp,
			  unsigned int min, unsigned int max);

extern const struct kernel_param_ops param_ops_long;
extern int param_set_long(const char *val, const struct kernel_param *kp);
extern int param_get_long(char *buffer, const struct kernel_param *kp);

extern const struct kernel_param_ops param_ops_ulong;
extern int param_set_ulong(const char *val, const struct kernel_param *kp);
extern int param_get_ulong(char *buffer, const struct kernel_param *kp);

extern const struct kernel_param_ops param_ops_ullong;
extern int param_set_ullong(const char *val, const struct kernel_param *kp);
extern int param_get_ullong(char *buffer, const struct kernel_param *kp);

extern const struct kernel_param_ops param_ops_hexint;
extern int param_set_hexint(const char *val, const struct kernel_param *kp);
extern int param_get_hexint(char *buffer, const struct kernel_param *kp);

extern const struct kernel_param_ops param_ops_charp;
extern int param_set_charp(const char *val, const struct kernel_param *kp);
extern int param_get_charp(char *buffer, const struct kernel_param *kp);
extern void param_free_charp(void *arg);

extern const struct kernel_param_ops param_ops_bool;
extern int param_set_bool(const char *val, const struct kernel_param *kp);
extern int param_get_bool(char *buffer, const struct kernel_param *kp);

extern const struct kernel_param_ops param_ops_bool_enable_only;
extern int param_set_bool_enable_only(const char *val, const struct kernel_param *kp);

extern const struct kernel_param_ops param_ops_invbool;
extern int param_set_invbool(const char *val, const struct kernel_param *kp);
extern int param_get_invbool(char *buffer, const struct kernel_param *kp);

extern const struct kernel_param_ops param_ops_bint;
extern int param_set_bint(const char *val, const struct kernel_param *kp);
#define param_get_bint param_get_int

extern const struct kernel_param_ops param_array_ops;

extern const struct kernel_param_ops param_ops_string;
extern int param_set_copystring(const char *val, const struct kernel_param *kp);
extern int param_get_string(char *buffer, const struct kernel_param *kp);

#endif /* _LINUX_MODULE_PARAMS_H */
