/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ksim: EXPORT_SYMBOL and friends. Each export is a struct kernel_symbol
 * (ksim/abi.h) named __ksymtab_<sym> in section __ksymtab or __ksymtab_gpl,
 * whose name and namespace strings live in __ksymtab_strings. ksim's modpost
 * and loader find a module's exports through these, as Linux's do.
 */
#ifndef _LINUX_EXPORT_H
#define _LINUX_EXPORT_H

#include <linux/stringify.h>
#include <linux/compiler.h>

#ifndef __ASSEMBLY__
#include <ksim/abi.h>

extern struct module __this_module;
#define THIS_MODULE (&__this_module)

/*
 * The namespace string is "" for a symbol outside any namespace (as in
 * Linux 6.1); namespace_name is never NULL in a module's own table.
 */
#define ___EXPORT_SYMBOL(sym, sec, ns)                                         \
	extern typeof(sym) sym;                                                \
	static const char __kstrtab_##sym[] __used __section("__ksymtab_strings") \
		__aligned(1) = #sym;                                           \
	static const char __kstrtabns_##sym[] __used __section("__ksymtab_strings") \
		__aligned(1) = ns;                                             \
	static const struct kernel_symbol __ksymtab_##sym __used               \
		__section("__ksymtab" sec) __aligned(sizeof(void *)) = {       \
			(unsigned long)&sym, __kstrtab_##sym, __kstrtabns_##sym \
		}

#define __EXPORT_SYMBOL(sym, sec, ns) ___EXPORT_SYMBOL(sym, sec, ns)

/* A module built with -DDEFAULT_SYMBOL_NAMESPACE=NS exports into NS. */
#ifdef DEFAULT_SYMBOL_NAMESPACE
#define _EXPORT_SYMBOL(sym, sec) __EXPORT_SYMBOL(sym, sec, __stringify(DEFAULT_SYMBOL_NAMESPACE))
#else
#define _EXPORT_SYMBOL(sym, sec) __EXPORT_SYMBOL(sym, sec, "")
#endif

#define EXPORT_SYMBOL(sym) _EXPORT_SYMBOL(sym, "")
#define EXPORT_SYMBOL_GPL(sym) _EXPORT_SYMBOL(sym, "_gpl")
#define EXPORT_SYMBOL_NS(sym, ns) __EXPORT_SYMBOL(sym, "", __stringify(ns))
#define EXPORT_SYMBOL_NS_GPL(sym, ns) __EXPORT_SYMBOL(sym, "_gpl", __stringify(ns))

#endif /* !__ASSEMBLY__ */

#endif /* _LINUX_EXPORT_H */
