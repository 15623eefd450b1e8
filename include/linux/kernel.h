/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: the grab-bag header most kernel code includes: formatted output into
 * buffers (sprintf family, declared here as in Linux 6.1), might_sleep(),
 * 32-bit halves of 64-bit values, and the small headers it aggregates
 * (printk, minmax, math, container_of, kstrtox, ...).
 */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <linux/stdarg.h>
#include <linux/align.h>
#include <linux/array_size.h>
#include <linux/limits.h>
#include <linux/linkage.h>
#include <linux/stddef.h>
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/container_of.h>
#include <linux/kstrtox.h>
#include <linux/log2.h>
#include <linux/math.h>
#include <linux/minmax.h>
#include <linux/typecheck.h>
#include <linux/panic.h>
#include <linux/printk.h>
#include <linux/build_bug.h>
#include <linux/instruction_pointer.h>
#include <asm/byteorder.h>
#include <uapi/linux/kernel.h>
#include <linux/err.h>
#include <linux/hex.h>


#define STACK_MAGIC 0xdeadbeef

/* A byte value repeated in every byte of an unsigned long. */
#define REPEAT_BYTE(x) ((~0ul / 0xff) * (x))

/* The top and bottom 32 bits of a value of up to 64 bits. */
#define upper_32_bits(n) ((u32)(((n) >> 16) >> 16))
#define lower_32_bits(n) ((u32)((n) & 0xffffffff))
#define upper_16_bits(n) ((u16)((n) >> 16))
#define lower_16_bits(n) ((u16)((n) & 0xffff))

#define u64_to_user_ptr(x) ((void __user *)(uintptr_t)(x))

/*
 * might_sleep(): ksim always checks (as Linux with CONFIG_DEBUG_ATOMIC_SLEEP)
 * that the caller may sleep, and reports "BUG: sleeping function called
 * from invalid context" otherwise. __might_sleep() is exported by ksim.
 */
extern void __might_sleep(const char *file, int line);
extern void __might_resched(const char *file, int line, unsigned int offsets);
extern void __cant_sleep(const char *file, int line, int preempt_offset);
extern void __cant_migrate(const char *file, int line);
#define might_resched() do { } while (0)
#define might_sleep()                                                          \
	do {                                                                   \
		__might_sleep(__FILE__, __LINE__);                             \
		might_resched();                                               \
	} while (0)
#define cant_sleep() __cant_sleep(__FILE__, __LINE__, 0)
#define cant_migrate() __cant_migrate(__FILE__, __LINE__)
#define sched_annotate_sleep() do { } while (0)
#define might_sleep_if(cond)                                                   \
	do {                                                                   \
		if (cond)                                                      \
			might_sleep();                                         \
	} while (0)
#define non_block_start() do { } while (0)
#define non_block_end() do { } while (0)

/* Formatted output into buffers; %p extensions as in the kernel. */
extern __printf(2, 3) int sprintf(char *buf, const char *fmt, ...);
extern __printf(2, 0) int vsprintf(char *buf, const char *fmt, va_list args);
extern __printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);
extern __printf(3, 0) int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
extern __printf(3, 4) int scnprintf(char *buf, size_t size, const char *fmt, ...);
extern __printf(3, 0) int vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
extern __printf(2, 3) __malloc char *kasprintf(gfp_t gfp, const char *fmt, ...);
extern __printf(2, 0) __malloc char *kvasprintf(gfp_t gfp, const char *fmt, va_list args);
extern __printf(2, 0) const char *kvasprintf_const(gfp_t gfp, const char *fmt, va_list args);
extern __scanf(2, 3) int sscanf(const char *buf, const char *fmt, ...);
extern __scanf(2, 0) int vsscanf(const char *buf, const char *fmt, va_list args);

extern unsigned long long memparse(const char *ptr, char **retptr);
extern int get_option(char **str, int *pint);

/*
 * trace_printk() writes to the ftrace ring buffer, never to dmesg. ksim has
 * no ftrace buffer, so it only type-checks its arguments.
 */
#define trace_printk(fmt, ...) no_printk(fmt, ##__VA_ARGS__)
#define tracing_on() do { } while (0)
#define tracing_off() do { } while (0)

/*
 * perms unchanged, or a compile error for sysfs/parameter permissions
 * Linux refuses (not octal-sane, or world-writable).
 */
#define VERIFY_OCTAL_PERMISSIONS(perms)                                        \
	(BUILD_BUG_ON_ZERO((perms) < 0) +                                      \
	 BUILD_BUG_ON_ZERO((perms) > 0777) +                                   \
	 /* whoever may read as group or other may read as owner */            \
	 BUILD_BUG_ON_ZERO((((perms) >> 6) & 4) < (((perms) >> 3) & 4)) +      \
	 BUILD_BUG_ON_ZERO((((perms) >> 3) & 4) < ((perms) & 4)) +             \
	 /* group-writable implies owner-writable */                           \
	 BUILD_BUG_ON_ZERO((((perms) >> 6) & 2) < (((perms) >> 3) & 2)) +      \
	 /* never writable by others */                                        \
	 BUILD_BUG_ON_ZERO((perms) & 2) + (perms))

/*
 * Linux's kernel.h pulls in bitops.h, and through it BUG()/WARN_ON(); those
 * headers belong to ksim's concurrency/check part and are used when present.
 */
#if __has_include(<linux/bitops.h>)
#include <linux/bitops.h>
#endif
#if __has_include(<linux/bug.h>)
#include <linux/bug.h>
#endif

#endif /* _LINUX_KERNEL_H */
