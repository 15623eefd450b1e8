/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: string to integer conversion. The kstrto*() functions return 0 or
 * -EINVAL / -ERANGE and accept one trailing newline; kstrtoul and kstrtol are
 * inline over the exported kstrtoull/kstrtoll, as in Linux. The older
 * simple_strto*() parse a prefix and never fail.
 */
#ifndef _LINUX_KSTRTOX_H
#define _LINUX_KSTRTOX_H

#include <linux/compiler.h>
#include <linux/types.h>

int __must_check _kstrtoul(const char *s, unsigned int base, unsigned long *res);
int __must_check _kstrtol(const char *s, unsigned int base, long *res);

int __must_check kstrtoull(const char *s, unsigned int base, unsigned long long *res);
int __must_check kstrtoll(const char *s, unsigned int base, long long *res);

/* long and long long have the same size on x86-64, so this is a plain cast. */
static inline int __must_check kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	return kstrtoull(s, base, (unsigned long long *)res);
}

static inline int __must_check kstrtol(const char *s, unsigned int base, long *res)
{
	return kstrtoll(s, base, (long long *)res);
}

int __must_check kstrtouint(const char *s, unsigned int base, unsigned int *res);
int __must_check kstrtoint(const char *s, unsigned int base, int *res);

static inline int __must_check kstrtou64(const char *s, unsigned int base, u64 *res)
{
	return kstrtoull(s, base, res);
}

static inline int __must_check kstrtos64(const char *s, unsigned int base, s64 *res)
{
	return kstrtoll(s, base, res);
}

static inline int __must_check kstrtou32(const char *s, unsigned int base, u32 *res)
{
	return kstrtouint(s, base, res);
}

static inline int __must_check kstrtos32(const char *s, unsigned int base, s32 *res)
{
	return kstrtoint(s, base, res);
}

int __must_check kstrtou16(const char *s, unsigned int base, u16 *res);
int __must_check kstrtos16(const char *s, unsigned int base, s16 *res);
int __must_check kstrtou8(const char *s, unsigned int base, u8 *res);
int __must_check kstrtos8(const char *s, unsigned int base, s8 *res);
int __must_check kstrtobool(const char *s, bool *res);

/* The same, reading from a user-space buffer of `count` bytes. */
int __must_check kstrtoull_from_user(const char __user *s, size_t count, unsigned int base,
				     unsigned long long *res);
int __must_check kstrtoll_from_user(const char __user *s, size_t count, unsigned int base,
				    long long *res);
int __must_check kstrtoul_from_user(const char __user *s, size_t count, unsigned int base,
				    unsigned long *res);
int __must_check kstrtol_from_user(const char __user *s, size_t count, unsigned int base,
				   long *res);
int __must_check kstrtouint_from_user(const char __user *s, size_t count, unsigned int base,
				      unsigned int *res);
int __must_check kstrtoint_from_user(const char __user *s, size_t count, unsigned int base,
				     int *res);
int __must_check kstrtou16_from_user(const char __user *s, size_t count, unsigned int base,
				     u16 *res);
int __must_check kstrtos16_from_user(const char __user *s, size_t count, unsigned int base,
				     s16 *res);
int __must_check kstrtou8_from_user(const char __user *s, size_t count, unsigned int base,
				    u8 *res);
int __must_check kstrtos8_from_user(const char __user *s, size_t count, unsigned int base,
				    s8 *res);
int __must_check kstrtobool_from_user(const char __user *s, size_t count, bool *res);

static inline int __must_check kstrtou64_from_user(const char __user *s, size_t count,
						   unsigned int base, u64 *res)
{
	return kstrtoull_from_user(s, count, base, res);
}

static inline int __must_check kstrtos64_from_user(const char __user *s, size_t count,
						   unsigned int base, s64 *res)
{
	return kstrtoll_from_user(s, count, base, res);
}

static inline int __must_check kstrtou32_from_user(const char __user *s, size_t count,
						   unsigned int base, u32 *res)
{
	return kstrtouint_from_user(s, count, base, res);
}

static inline int __must_check kstrtos32_from_user(const char __user *s, size_t count,
						   unsigned int base, s32 *res)
{
	return kstrtoint_from_user(s, count, base, res);
}

extern unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base);
extern long simple_strtol(const char *cp, char **endp, unsigned int base);
extern unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base);
extern long long simple_strtoll(const char *cp, char **endp, unsigned int base);

/* The old name of kstrtobool(). */
static inline int strtobool(const char *s, bool *res)
{
	return kstrtobool(s, res);
}

#endif /* _LINUX_KSTRTOX_H */
