// SPDX-License-Identifier: GPL-2.0
/*
 * libksim_preload.so: an LD_PRELOAD shim for the host commands ksim runs
 * (`ksim run --exec`, script lines starting with '!', --prog programs).
 * A test program written for a real machine opens "/dev/foo", reads
 * "/proc/foo" or "/sys/kernel/foo/bar" by absolute path; the simulated
 * kernel's files live under the FUSE mount in $KSIM_ROOT instead. For every
 * absolute path below /dev, /proc or /sys that exists under $KSIM_ROOT, the
 * file calls below use the mounted one; every other path (/dev/null,
 * /proc/self/..., /etc/...) stays the host's, so the program runs unmodified.
 *
 * The interposed calls are the libc entry points a program reaches through
 * its PLT; glibc's internal calls (its own /proc reads, the dynamic loader)
 * are not affected. Statically linked and set-uid programs ignore
 * LD_PRELOAD, as always.
 *
 * Written in C with no state but the cached $KSIM_ROOT: it lives inside
 * arbitrary host programs.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>

/* Set once by the constructor, before main() and before any other thread. */
static const char* ksim_root;
static size_t ksim_root_len;

__attribute__((constructor)) static void ksim_preload_init(void) {
    const char* root = getenv("KSIM_ROOT");

    if (root && root[0] == '/') {
        ksim_root = root;
        ksim_root_len = strlen(root);
    }
    /*
     * Line-buffer stdout even into ksim's pipe, as on a terminal, so the
     * program's lines, its stderr and the kernel's messages (printed while
     * the program is inside a system call) come out in the order they
     * happened.
     */
    if (ksim_root && !isatty(STDOUT_FILENO))
        setvbuf(stdout, NULL, _IOLBF, BUFSIZ);
}

static int below(const char* path, const char* dir, size_t len) {
    return strncmp(path, dir, len) == 0 && (path[len] == '/' || path[len] == '\0');
}

/*
 * The path to use for `path`: "$KSIM_ROOT/path" in `buf` when it names a
 * /dev, /proc or /sys file the kernel has, else `path` itself.
 */
static const char* redirect(const char* path, char* buf) {
    struct stat st;
    size_t len;

    if (!ksim_root || !path || path[0] != '/')
        return path;
    if (!below(path, "/dev", 4) && !below(path, "/proc", 5) && !below(path, "/sys", 4))
        return path;
    len = strlen(path);
    if (ksim_root_len + len + 1 > PATH_MAX)
        return path;
    memcpy(buf, ksim_root, ksim_root_len);
    memcpy(buf + ksim_root_len, path, len + 1);
    /* A raw system call: the libc stat functions are interposed below. */
    if (syscall(SYS_newfstatat, AT_FDCWD, buf, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return path;
    return buf;
}

/* The next definition of `name` (libc's), looked up on first use. */
#define REAL(ret, name, ...)                                                                       \
    static ret (*real_##name)(__VA_ARGS__);                                                        \
    if (!real_##name)                                                                              \
        real_##name = (ret(*)(__VA_ARGS__))dlsym(RTLD_NEXT, #name);                                \
    if (!real_##name) {                                                                            \
        errno = ENOSYS;                                                                            \
        return (ret)-1;                                                                            \
    }

#define REAL_PTR(ret, name, ...)                                                                   \
    static ret (*real_##name)(__VA_ARGS__);                                                        \
    if (!real_##name)                                                                              \
        real_##name = (ret(*)(__VA_ARGS__))dlsym(RTLD_NEXT, #name);                                \
    if (!real_##name) {                                                                            \
        errno = ENOSYS;                                                                            \
        return NULL;                                                                               \
    }

static int wants_mode(int flags) {
    return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE;
}

#define DEFINE_OPEN(name)                                                                          \
    int name(const char* path, int flags, ...) {                                                   \
        char buf[PATH_MAX];                                                                        \
        mode_t mode = 0;                                                                           \
        REAL(int, name, const char*, int, ...);                                                    \
        if (wants_mode(flags)) {                                                                   \
            va_list ap;                                                                            \
            va_start(ap, flags);                                                                   \
            mode = va_arg(ap, mode_t);                                                             \
            va_end(ap);                                                                            \
        }                                                                                          \
        return real_##name(redirect(path, buf), flags, mode);                                      \
    }

#define DEFINE_OPENAT(name)                                                                        \
    int name(int dirfd, const char* path, int flags, ...) {                                        \
        char buf[PATH_MAX];                                                                        \
        mode_t mode = 0;                                                                           \
        REAL(int, name, int, const char*, int, ...);                                               \
        if (wants_mode(flags)) {                                                                   \
            va_list ap;                                                                            \
            va_start(ap, flags);                                                                   \
            mode = va_arg(ap, mode_t);                                                             \
            va_end(ap);                                                                            \
        }                                                                                          \
        return real_##name(dirfd, redirect(path, buf), flags, mode);                               \
    }

DEFINE_OPEN(open)
DEFINE_OPEN(open64)
DEFINE_OPENAT(openat)
DEFINE_OPENAT(openat64)

/* The _FORTIFY_SOURCE entry points. */
int __open_2(const char* path, int flags);
int __open64_2(const char* path, int flags);
int __openat_2(int dirfd, const char* path, int flags);
int __openat64_2(int dirfd, const char* path, int flags);

#define DEFINE_FORTIFIED_OPEN(name)                                                                \
    int name(const char* path, int flags) {                                                        \
        char buf[PATH_MAX];                                                                        \
        REAL(int, name, const char*, int);                                                         \
        return real_##name(redirect(path, buf), flags);                                            \
    }
#define DEFINE_FORTIFIED_OPENAT(name)                                                              \
    int name(int dirfd, const char* path, int flags) {                                             \
        char buf[PATH_MAX];                                                                        \
        REAL(int, name, int, const char*, int);                                                    \
        return real_##name(dirfd, redirect(path, buf), flags);                                     \
    }
DEFINE_FORTIFIED_OPEN(__open_2)
DEFINE_FORTIFIED_OPEN(__open64_2)
DEFINE_FORTIFIED_OPENAT(__openat_2)
DEFINE_FORTIFIED_OPENAT(__openat64_2)

#define DEFINE_PATH_CALL(ret, name, type2)                                                         \
    ret name(const char* path, type2 arg) {                                                        \
        char buf[PATH_MAX];                                                                        \
        REAL(ret, name, const char*, type2);                                                       \
        return real_##name(redirect(path, buf), arg);                                              \
    }

DEFINE_PATH_CALL(int, creat, mode_t)
DEFINE_PATH_CALL(int, creat64, mode_t)
DEFINE_PATH_CALL(int, stat, struct stat*)
DEFINE_PATH_CALL(int, stat64, struct stat64*)
DEFINE_PATH_CALL(int, lstat, struct stat*)
DEFINE_PATH_CALL(int, lstat64, struct stat64*)
DEFINE_PATH_CALL(int, access, int)
DEFINE_PATH_CALL(int, euidaccess, int)
DEFINE_PATH_CALL(int, eaccess, int)
DEFINE_PATH_CALL(int, truncate, off_t)
DEFINE_PATH_CALL(int, truncate64, off64_t)
DEFINE_PATH_CALL(int, chmod, mode_t)

#define DEFINE_PATHAT_CALL(ret, name, type3, type4)                                                \
    ret name(int dirfd, const char* path, type3 arg3, type4 arg4) {                                \
        char buf[PATH_MAX];                                                                        \
        REAL(ret, name, int, const char*, type3, type4);                                           \
        return real_##name(dirfd, redirect(path, buf), arg3, arg4);                                \
    }

DEFINE_PATHAT_CALL(int, fstatat, struct stat*, int)
DEFINE_PATHAT_CALL(int, fstatat64, struct stat64*, int)
DEFINE_PATHAT_CALL(int, faccessat, int, int)

int statx(int dirfd, const char* path, int flags, unsigned int mask, struct statx* st) {
    char buf[PATH_MAX];
    REAL(int, statx, int, const char*, int, unsigned int, struct statx*);
    return real_statx(dirfd, redirect(path, buf), flags, mask, st);
}

/* glibc before 2.33 compiled stat() into calls of these. */
int __xstat(int ver, const char* path, struct stat* st);
int __xstat64(int ver, const char* path, struct stat64* st);
int __lxstat(int ver, const char* path, struct stat* st);
int __lxstat64(int ver, const char* path, struct stat64* st);

#define DEFINE_XSTAT(name, type)                                                                   \
    int name(int ver, const char* path, type* st) {                                                \
        char buf[PATH_MAX];                                                                        \
        REAL(int, name, int, const char*, type*);                                                  \
        return real_##name(ver, redirect(path, buf), st);                                          \
    }
DEFINE_XSTAT(__xstat, struct stat)
DEFINE_XSTAT(__xstat64, struct stat64)
DEFINE_XSTAT(__lxstat, struct stat)
DEFINE_XSTAT(__lxstat64, struct stat64)

ssize_t readlink(const char* path, char* out, size_t size) {
    char buf[PATH_MAX];
    REAL(ssize_t, readlink, const char*, char*, size_t);
    return real_readlink(redirect(path, buf), out, size);
}

ssize_t readlinkat(int dirfd, const char* path, char* out, size_t size) {
    char buf[PATH_MAX];
    REAL(ssize_t, readlinkat, int, const char*, char*, size_t);
    return real_readlinkat(dirfd, redirect(path, buf), out, size);
}

#define DEFINE_FOPEN(name)                                                                         \
    FILE* name(const char* path, const char* mode) {                                               \
        char buf[PATH_MAX];                                                                        \
        REAL_PTR(FILE*, name, const char*, const char*);                                           \
        return real_##name(redirect(path, buf), mode);                                             \
    }
DEFINE_FOPEN(fopen)
DEFINE_FOPEN(fopen64)

#define DEFINE_FREOPEN(name)                                                                       \
    FILE* name(const char* path, const char* mode, FILE* stream) {                                 \
        char buf[PATH_MAX];                                                                        \
        REAL_PTR(FILE*, name, const char*, const char*, FILE*);                                    \
        return real_##name(redirect(path, buf), mode, stream);                                     \
    }
DEFINE_FREOPEN(freopen)
DEFINE_FREOPEN(freopen64)

DIR* opendir(const char* path) {
    char buf[PATH_MAX];
    REAL_PTR(DIR*, opendir, const char*);
    return real_opendir(redirect(path, buf));
}

typedef int (*dirent_filter)(const struct dirent*);
typedef int (*dirent_compare)(const struct dirent**, const struct dirent**);

int scandir(const char* path, struct dirent*** list, dirent_filter filter, dirent_compare compare) {
    char buf[PATH_MAX];
    REAL(int, scandir, const char*, struct dirent***, dirent_filter, dirent_compare);
    return real_scandir(redirect(path, buf), list, filter, compare);
}

/* ls -l asks for ACLs and security labels of what it lists. */
#define DEFINE_GETXATTR(name)                                                                      \
    ssize_t name(const char* path, const char* key, void* value, size_t size) {                    \
        char buf[PATH_MAX];                                                                        \
        REAL(ssize_t, name, const char*, const char*, void*, size_t);                              \
        return real_##name(redirect(path, buf), key, value, size);                                 \
    }
DEFINE_GETXATTR(getxattr)
DEFINE_GETXATTR(lgetxattr)

#define DEFINE_LISTXATTR(name)                                                                     \
    ssize_t name(const char* path, char* list, size_t size) {                                      \
        char buf[PATH_MAX];                                                                        \
        REAL(ssize_t, name, const char*, char*, size_t);                                           \
        return real_##name(redirect(path, buf), list, size);                                       \
    }
DEFINE_LISTXATTR(listxattr)
DEFINE_LISTXATTR(llistxattr)

/* glibc resolves these with its internal lstat/readlink. */
char* realpath(const char* path, char* resolved) {
    char buf[PATH_MAX];
    REAL_PTR(char*, realpath, const char*, char*);
    return real_realpath(redirect(path, buf), resolved);
}

char* canonicalize_file_name(const char* path) {
    char buf[PATH_MAX];
    REAL_PTR(char*, canonicalize_file_name, const char*);
    return real_canonicalize_file_name(redirect(path, buf));
}
