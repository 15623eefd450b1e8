/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: the kernel's string and memory functions (lib/string.c,
 * mm/util.c). They are exported by ksim under their Linux names; gcc may
 * also expand small constant-size memcpy/memset calls inline, as in Linux.
 * Debian's FORTIFY_SOURCE wrappers are not modelled.
 */
#ifndef _LINUX_STRING_H_
#define _LINUX_STRING_H_

#include <linux/array_size.h>
#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/overflow.h>
#include <linux/stdarg.h>

/* Copies and comparisons of raw memory. */
extern void *memcpy(void *to, const void *from, size_t len);
extern void *memmove(void *dest, const void *src, size_t count);
extern void *memset(void *s, int c, size_t n);
extern int memcmp(const void *cs, const void *ct, size_t count);
extern int bcmp(const void *a, const void *b, size_t len);
extern void *memchr(const void *s, int c, size_t n);
extern void *memscan(void *addr, int c, size_t size);
extern void *memchr_inv(const void *s, int c, size_t n);
extern void *memset16(uint16_t *s, uint16_t v, size_t count);
extern void *memset32(uint32_t *s, uint32_t v, size_t count);
extern void *memset64(uint64_t *s, uint64_t v, size_t count);

/* NUL-terminated strings. */
extern size_t strlen(const char *s);
extern __kernel_size_t strnlen(const char *s, __kernel_size_t count);
extern char *strcpy(char *dest, const char *src);
extern char *strncpy(char *dest, const char *src, __kernel_size_t count);
extern size_t strlcpy(char *dest, const char *src, size_t size);
extern ssize_t strscpy(char *dest, const char *src, size_t count);
extern ssize_t strscpy_pad(char *dest, const char *src, size_t count);
extern char *strcat(char *dest, const char *src);
extern char *strncat(char *dest, const char *src, __kernel_size_t count);
extern size_t strlcat(char *dest, const char *src, __kernel_size_t count);
extern int strcmp(const char *cs, const char *ct);
extern int strncmp(const char *cs, const char *ct, __kernel_size_t count);
extern int strcasecmp(const char *s1, const char *s2);
extern int strncasecmp(const char *s1, const char *s2, size_t n);
extern char *strchr(const char *s, int c);
extern char *strchrnul(const char *s, int c);
extern char *strnchr(const char *s, size_t count, int c);
extern char *strrchr(const char *s, int c);
extern char *strstr(const char *s1, const char *s2);
extern char *strnstr(const char *s1, const char *s2, size_t len);
extern char *strpbrk(const char *cs, const char *ct);
extern char *strsep(char **s, const char *ct);
extern __kernel_size_t strspn(const char *s, const char *accept);
extern __kernel_size_t strcspn(const char *s, const char *reject);
extern char *__must_check skip_spaces(const char *str);
extern char *strim(char *s);
extern char *strreplace(char *s, char old, char new);

/* Strips leading and trailing white space, in place. */
static inline __must_check char *strstrip(char *str)
{
	return strim(str);
}

/* Copies into heap memory (kfree() the result). */
extern char *kstrdup(const char *s, gfp_t gfp) __malloc;
extern const char *kstrdup_const(const char *s, gfp_t gfp);
extern char *kstrndup(const char *s, size_t len, gfp_t gfp);
extern void *kmemdup(const void *src, size_t len, gfp_t gfp) __alloc_size(2);
extern char *kmemdup_nul(const char *s, size_t len, gfp_t gfp);
extern void kfree_const(const void *x);
extern char **argv_split(gfp_t gfp, const char *str, int *argcp);
extern void argv_free(char **argv);

/* Copies from user space into new kernel memory (an ERR_PTR on failure). */
extern void *memdup_user(const void __user *src, size_t len);
extern void *vmemdup_user(const void __user *src, size_t len);
extern void *memdup_user_nul(const void __user *src, size_t len);
extern char *strndup_user(const char __user *s, long n);

/* Compares a sysfs-written value, ignoring one trailing newline. */
extern bool sysfs_streq(const char *s1, const char *s2);
int match_string(const char *const *array, size_t n, const char *string);
int __sysfs_match_string(const char *const *array, size_t n, const char *s);
#define sysfs_match_string(_a, _s) __sysfs_match_string(_a, ARRAY_SIZE(_a), _s)

/* Whether str starts with prefix. */
static inline bool strstarts(const char *str, const char *prefix)
{
	return strncmp(str, prefix, strlen(prefix)) == 0;
}

/* Number of set bits in a buffer. */
size_t memweight(const void *ptr, size_t bytes);

/* Copies from a kernel buffer at *ppos, as a read() handler would (fs/libfs.c). */
extern ssize_t memory_read_from_buffer(void *to, size_t count, loff_t *ppos, const void *from,
				       size_t available);

/* Zeroes memory in a way the optimiser may not remove (for secrets). */
static inline void memzero_explicit(void *s, size_t count)
{
	memset(s, 0, count);
	barrier_data(s);
}

/* The length of prefix when str starts with it, else 0. */
static __always_inline size_t str_has_prefix(const char *str, const char *prefix)
{
	size_t len = strlen(prefix);

	return strncmp(str, prefix, len) == 0 ? len : 0;
}

/* The file name part of a path. */
static inline const char *kbasename(const char *path)
{
	const char *tail = strrchr(path, '/');

	return tail ? tail + 1 : path;
}

/* Fills the rest of a fixed-size buffer with pad after copying src. */
#define memcpy_and_pad(dest, dest_len, src, count, pad)                        \
	do {                                                                   \
		size_t __ksim_dl = (dest_len), __ksim_n = (count);             \
		if (__ksim_n >= __ksim_dl) {                                   \
			memcpy(dest, src, __ksim_dl);                          \
		} else {                                                       \
			memcpy(dest, src, __ksim_n);                           \
			memset((char *)(dest) + __ksim_n, pad, __ksim_dl - __ksim_n); \
		}                                                              \
	} while (0)

/* Zeroes the bytes of a struct after the given member. */
#define memset_after(obj, v, member)                                           \
	({                                                                     \
		u8 *__ksim_p = (u8 *)(obj);                                    \
		memset(__ksim_p + offsetofend(typeof(*(obj)), member), v,      \
		       sizeof(*(obj)) - offsetofend(typeof(*(obj)), member));  \
	})

#endif /* _LINUX_STRING_H_ */
