/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: printk and the pr_*() family. printk() is a macro over the exported
 * _printk(), which checks its format like printf (so -Wformat warns as with
 * the kernel's headers). Once-only and rate-limited variants keep their
 * state in static variables of the calling module, as in Linux.
 */
#ifndef __KERNEL_PRINTK__
#define __KERNEL_PRINTK__

#include <linux/stdarg.h>
#include <linux/init.h>
#include <linux/kern_levels.h>
#include <linux/linkage.h>
#include <linux/ratelimit_types.h>
#include <linux/once_lite.h>

/* The log level a message carries, or 0 when it has none. */
static inline int printk_get_level(const char *buffer)
{
	if (buffer[0] == KERN_SOH_ASCII && buffer[1]) {
		switch (buffer[1]) {
		case '0' ... '7':
		case 'c':
			return buffer[1];
		}
	}
	return 0;
}

/* The text after any level prefixes. */
static inline const char *printk_skip_level(const char *buffer)
{
	if (printk_get_level(buffer))
		return buffer + 2;
	return buffer;
}

static inline const char *printk_skip_headers(const char *buffer)
{
	while (printk_get_level(buffer))
		buffer = printk_skip_level(buffer);
	return buffer;
}

#define CONSOLE_EXT_LOG_MAX 8192
#define MESSAGE_LOGLEVEL_DEFAULT 4
#define CONSOLE_LOGLEVEL_SILENT 0
#define CONSOLE_LOGLEVEL_MIN 1
#define CONSOLE_LOGLEVEL_DEBUG 10
#define CONSOLE_LOGLEVEL_MOTORMOUTH 15
#define CONSOLE_LOGLEVEL_DEFAULT 7
#define CONSOLE_LOGLEVEL_QUIET 4

/* Exported by ksim. */
asmlinkage __printf(1, 0) int vprintk(const char *fmt, va_list args);
asmlinkage __printf(1, 2) __cold int _printk(const char *fmt, ...);
__printf(1, 2) __cold int _printk_deferred(const char *fmt, ...);
extern int __printk_ratelimit(const char *func);
extern bool printk_timed_ratelimit(unsigned long *caller_jiffies,
				   unsigned int interval_msec);
extern asmlinkage void dump_stack_lvl(const char *log_lvl) __cold;
extern asmlinkage void dump_stack(void) __cold;

#define printk_ratelimit() __printk_ratelimit(__func__)

/* printk(fmt, ...): log a message; fmt may start with a KERN_<LEVEL> prefix. */
#define printk(fmt, ...) _printk(fmt, ##__VA_ARGS__)
#define printk_deferred(fmt, ...) _printk_deferred(fmt, ##__VA_ARGS__)

/*
 * Type-checks a printk-style call without printing anything; the value is
 * 0 like printk's would be for an empty message.
 */
#define no_printk(fmt, ...)                                                    \
	({                                                                     \
		if (0)                                                         \
			_printk(fmt, ##__VA_ARGS__);                           \
		0;                                                             \
	})

/* A module can define pr_fmt(fmt) before its includes to prefix every pr_*(). */
#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

#define pr_emerg(fmt, ...) printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...) printk(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...) printk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...) printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...) printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice(fmt, ...) printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...) printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)

/* Continues the current line; pr_fmt is deliberately not applied. */
#define pr_cont(fmt, ...) printk(KERN_CONT fmt, ##__VA_ARGS__)

/* Only with -DDEBUG (or a #define DEBUG before the includes). */
#ifdef DEBUG
#define pr_devel(fmt, ...) printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#else
#define pr_devel(fmt, ...) no_printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#endif

/*
 * The Debian kernel has CONFIG_DYNAMIC_DEBUG: a pr_debug() site is enabled
 * at start-up only when the file defines DEBUG. ksim does not model the
 * dynamic_debug control file, so the start-up state is the only state.
 */
#ifdef DEBUG
#define pr_debug(fmt, ...) printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#else
#define pr_debug(fmt, ...) no_printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#endif

/* Print only the first time this line runs. */
#define printk_once(fmt, ...) DO_ONCE_LITE(printk, fmt, ##__VA_ARGS__)
#define printk_deferred_once(fmt, ...) DO_ONCE_LITE(printk_deferred, fmt, ##__VA_ARGS__)

#define pr_emerg_once(fmt, ...) printk_once(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert_once(fmt, ...) printk_once(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit_once(fmt, ...) printk_once(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err_once(fmt, ...) printk_once(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn_once(fmt, ...) printk_once(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice_once(fmt, ...) printk_once(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info_once(fmt, ...) printk_once(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont_once(fmt, ...) printk_once(KERN_CONT pr_fmt(fmt), ##__VA_ARGS__)
#ifdef DEBUG
#define pr_devel_once(fmt, ...) printk_once(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug_once(fmt, ...) printk_once(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#else
#define pr_devel_once(fmt, ...) no_printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug_once(fmt, ...) no_printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#endif

/*
 * At most DEFAULT_RATELIMIT_BURST messages per DEFAULT_RATELIMIT_INTERVAL
 * from this line; each expansion has its own state.
 */
#define printk_ratelimited(fmt, ...)                                           \
	({                                                                     \
		static DEFINE_RATELIMIT_STATE(_rs, DEFAULT_RATELIMIT_INTERVAL, \
					      DEFAULT_RATELIMIT_BURST);        \
		if (__ratelimit(&_rs))                                         \
			printk(fmt, ##__VA_ARGS__);                            \
	})

#define pr_emerg_ratelimited(fmt, ...) printk_ratelimited(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert_ratelimited(fmt, ...) printk_ratelimited(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit_ratelimited(fmt, ...) printk_ratelimited(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err_ratelimited(fmt, ...) printk_ratelimited(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn_ratelimited(fmt, ...) printk_ratelimited(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice_ratelimited(fmt, ...) printk_ratelimited(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info_ratelimited(fmt, ...) printk_ratelimited(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#ifdef DEBUG
#define pr_devel_ratelimited(fmt, ...) printk_ratelimited(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug_ratelimited(fmt, ...) printk_ratelimited(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#else
#define pr_devel_ratelimited(fmt, ...) no_printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug_ratelimited(fmt, ...) no_printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#endif

/* Hex dumps: one line per `rowsize` bytes (16 or 32), grouped by `groupsize`. */
enum {
	DUMP_PREFIX_NONE,
	DUMP_PREFIX_ADDRESS,
	DUMP_PREFIX_OFFSET
};

extern int hex_dump_to_buffer(const void *buf, size_t len, int rowsize, int groupsize,
			      char *linebuf, size_t linebuflen, bool ascii);
extern void print_hex_dump(const char *level, const char *prefix_str, int prefix_type,
			   int rowsize, int groupsize, const void *buf, size_t len,
			   bool ascii);

/* Debug-level dumps follow pr_debug(): printed only with DEBUG. */
#ifdef DEBUG
#define print_hex_dump_debug(prefix_str, prefix_type, rowsize, groupsize, buf, len, ascii) \
	print_hex_dump(KERN_DEBUG, prefix_str, prefix_type, rowsize, groupsize, buf, len, ascii)
#else
#define print_hex_dump_debug(prefix_str, prefix_type, rowsize, groupsize, buf, len, ascii) \
	do {                                                                   \
		if (0)                                                         \
			print_hex_dump(KERN_DEBUG, prefix_str, prefix_type,    \
				       rowsize, groupsize, buf, len, ascii);   \
	} while (0)
#endif
#define print_hex_dump_bytes(prefix_str, prefix_type, buf, len)                \
	print_hex_dump_debug(prefix_str, prefix_type, 16, 1, buf, len, true)

#endif /* __KERNEL_PRINTK__ */
