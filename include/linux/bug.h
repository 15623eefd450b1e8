/* SPDX-License-Identifier: GPL-2.0 */
/*
 * BUG() and WARN() for ksim. BUG() is x86's: a ud2 instruction with a
 * __bug_table entry naming the file and line, so the resulting Oops says
 * "kernel BUG at file:line!" with RIP in the module. WARN() takes the
 * generic-BUG path of architectures without __WARN_FLAGS: a call to the
 * exported warn_slowpath_fmt(), which prints the kernel's WARNING report
 * and returns, so execution continues as after a real WARN.
 */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/compiler.h>
#include <linux/build_bug.h>
#include <linux/panic.h>
#include <linux/printk.h>

#define BUGFLAG_WARNING (1 << 0)
#define BUGFLAG_ONCE (1 << 1)
#define BUGFLAG_DONE (1 << 2)
#define BUGFLAG_NO_CUT_HERE (1 << 3)
#define BUGFLAG_TAINT(taint) ((taint) << 8)
#define BUG_GET_TAINT(bug) ((bug)->flags >> 8)

/* One __bug_table entry: PC-relative address of the ud2 and of the file name. */
struct bug_entry {
	signed int bug_addr_disp;
	signed int file_disp;
	unsigned short line;
	unsigned short flags;
};

#define _BUG_FLAGS(flags)                                                     \
	asm volatile("1:\tud2\n"                                              \
		     ".pushsection __bug_table,\"aw\"\n"                      \
		     "2:\t.long 1b - .\n"                                     \
		     "\t.long %c0 - .\n"                                      \
		     "\t.word %c1\n"                                          \
		     "\t.word %c2\n"                                          \
		     "\t.org 2b + %c3\n"                                      \
		     ".popsection"                                            \
		     : : "i"(__FILE__), "i"(__LINE__), "i"(flags),            \
		       "i"(sizeof(struct bug_entry)))

#define BUG()                                                                 \
	do {                                                                  \
		_BUG_FLAGS(0);                                                \
		__builtin_unreachable();                                      \
	} while (0)

#define BUG_ON(condition)                                                     \
	do {                                                                  \
		if (unlikely(condition))                                      \
			BUG();                                                \
	} while (0)

__printf(4, 5) __cold void warn_slowpath_fmt(const char *file, const int line,
					     unsigned taint, const char *fmt, ...);

#define __WARN() warn_slowpath_fmt(__FILE__, __LINE__, TAINT_WARN, NULL)
#define __WARN_printf(taint, arg...) warn_slowpath_fmt(__FILE__, __LINE__, taint, arg)

#define WARN_ON(condition)                                                    \
	({                                                                    \
		int __ret_warn_on = !!(condition);                            \
		if (unlikely(__ret_warn_on))                                  \
			__WARN();                                             \
		unlikely(__ret_warn_on);                                      \
	})

#define WARN(condition, format...)                                            \
	({                                                                    \
		int __ret_warn_on = !!(condition);                            \
		if (unlikely(__ret_warn_on))                                  \
			__WARN_printf(TAINT_WARN, format);                    \
		unlikely(__ret_warn_on);                                      \
	})

#define WARN_TAINT(condition, taint, format...)                               \
	({                                                                    \
		int __ret_warn_on = !!(condition);                            \
		if (unlikely(__ret_warn_on))                                  \
			__WARN_printf(taint, format);                         \
		unlikely(__ret_warn_on);                                      \
	})

/* The _ONCE forms report the first time only (a flag per call site). */
#define WARN_ON_ONCE(condition)                                               \
	({                                                                    \
		static bool __section(".data.once") __warned;                 \
		int __ret_warn_once = !!(condition);                          \
		if (unlikely(__ret_warn_once && !__warned)) {                 \
			__warned = true;                                      \
			__WARN();                                             \
		}                                                             \
		unlikely(__ret_warn_once);                                    \
	})

#define WARN_ONCE(condition, format...)                                       \
	({                                                                    \
		static bool __section(".data.once") __warned;                 \
		int __ret_warn_once = !!(condition);                          \
		if (unlikely(__ret_warn_once && !__warned)) {                 \
			__warned = true;                                      \
			__WARN_printf(TAINT_WARN, format);                    \
		}                                                             \
		unlikely(__ret_warn_once);                                    \
	})

#define WARN_ON_SMP(x) WARN_ON(x)

#endif /* _LINUX_BUG_H */
