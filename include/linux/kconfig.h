/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: the kernel configuration a module sees (the CONFIG_* options of the
 * Debian 6.1 kernel that change what module code compiles to) and the
 * IS_ENABLED() family. Force-included first into every module source.
 */
#ifndef _LINUX_KCONFIG_H
#define _LINUX_KCONFIG_H

#include <generated/autoconf.h>

/*
 * IS_BUILTIN(CONFIG_X) is 1 when CONFIG_X is defined to 1 and 0 otherwise,
 * also when it is not defined at all, so it can be used in #if without
 * -Wundef noise. The trick: a defined option turns into an extra leading
 * argument, which shifts the value that the selector returns.
 */
#define __KSIM_ARG_PLACEHOLDER_1 0,
#define __ksim_take_second(ignored, val, ...) val
#define __ksim_is_defined(x) ___ksim_is_defined(x)
#define ___ksim_is_defined(val) ____ksim_is_defined(__KSIM_ARG_PLACEHOLDER_##val)
#define ____ksim_is_defined(arg1_or_junk) __ksim_take_second(arg1_or_junk 1, 0)

#define __is_defined(x) __ksim_is_defined(x)
#define __or(x, y) ___ksim_or(x, y)
#define ___ksim_or(x, y) ____ksim_or(__KSIM_ARG_PLACEHOLDER_##x, y)
#define ____ksim_or(arg1_or_junk, y) __ksim_take_second(arg1_or_junk 1, y)

#define IS_BUILTIN(option) __is_defined(option)
#define IS_MODULE(option) __is_defined(option##_MODULE)
#define IS_REACHABLE(option) __or(IS_BUILTIN(option), __and_module(option))
#define __and_module(option) (IS_MODULE(option) && __is_defined(MODULE))
#define IS_ENABLED(option) __or(IS_BUILTIN(option), IS_MODULE(option))

#endif /* _LINUX_KCONFIG_H */
