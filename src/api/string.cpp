// String and memory functions for modules (mirrors lib/string.c and the
// kstrdup family of mm/util.c). Names the C library also uses are
// implemented as ksim_<name> and exported under the Linux name.
#include "api/alloc.h"
#include "api/ctype.h"
#include "api/export.h"

#include <cerrno>
#include <cstring>
#include <limits>
#include <sys/types.h>

using namespace ksim::api;

extern "C" {

void* ksim_memcpy(void* to, const void* from, size_t len) {
    return std::memcpy(to, from, len);
}
EXPORT_SYMBOL_AS_KSIM(memcpy, ksim_memcpy)
void* ksim_memmove(void* to, const void* from, size_t n) {
    return std::memmove(to, from, n);
}
EXPORT_SYMBOL_AS_KSIM(memmove, ksim_memmove)
void* ksim_memset(void* s, int c, size_t n) {
    return std::memset(s, c, n);
}
EXPORT_SYMBOL_AS_KSIM(memset, ksim_memset)

// lib/string.c memcmp(): the difference of the first differing bytes.
int ksim_memcmp(const void* cs, const void* ct, size_t count) {
    auto* a = static_cast<const unsigned char*>(cs);
    auto* b = static_cast<const unsigned char*>(ct);
    for (size_t i = 0; i < count; ++i)
        if (a[i] != b[i])
            return a[i] - b[i];
    return 0;
}
EXPORT_SYMBOL_AS_KSIM(memcmp, ksim_memcmp)
int ksim_bcmp(const void* a, const void* b, size_t len) {
    return ksim_memcmp(a, b, len);
}
EXPORT_SYMBOL_AS_KSIM(bcmp, ksim_bcmp)

void* ksim_memchr(const void* s, int c, size_t n) {
    return const_cast<void*>(std::memchr(s, c, n));
}
EXPORT_SYMBOL_AS_KSIM(memchr, ksim_memchr)

// Returns addr + size when c is absent (unlike memchr).
void* memscan(void* addr, int c, size_t size) {
    auto* p = static_cast<unsigned char*>(addr);
    while (size != 0 && *p != static_cast<unsigned char>(c)) {
        ++p;
        --size;
    }
    return p;
}
EXPORT_SYMBOL_KSIM(memscan)

// The first byte that is not c, or NULL.
void* memchr_inv(const void* s, int c, size_t n) {
    auto* p = static_cast<const unsigned char*>(s);
    for (size_t i = 0; i < n; ++i)
        if (p[i] != static_cast<unsigned char>(c))
            return const_cast<unsigned char*>(p + i);
    return nullptr;
}
EXPORT_SYMBOL_KSIM(memchr_inv)

void* memset16(uint16_t* s, uint16_t v, size_t count) {
    for (size_t i = 0; i < count; ++i)
        s[i] = v;
    return s;
}
EXPORT_SYMBOL_KSIM(memset16)
void* memset32(uint32_t* s, uint32_t v, size_t count) {
    for (size_t i = 0; i < count; ++i)
        s[i] = v;
    return s;
}
EXPORT_SYMBOL_KSIM(memset32)
void* memset64(uint64_t* s, uint64_t v, size_t count) {
    for (size_t i = 0; i < count; ++i)
        s[i] = v;
    return s;
}
EXPORT_SYMBOL_KSIM(memset64)

size_t ksim_strlen(const char* s) {
    return std::strlen(s);
}
EXPORT_SYMBOL_AS_KSIM(strlen, ksim_strlen)
size_t ksim_strnlen(const char* s, size_t count) {
    return ::strnlen(s, count);
}
EXPORT_SYMBOL_AS_KSIM(strnlen, ksim_strnlen)
char* ksim_strcpy(char* d, const char* s) {
    return std::strcpy(d, s);
}
EXPORT_SYMBOL_AS_KSIM(strcpy, ksim_strcpy)
// Pads with NULs up to count, like the C library.
char* ksim_strncpy(char* d, const char* s, size_t count) {
    return std::strncpy(d, s, count);
}
EXPORT_SYMBOL_AS_KSIM(strncpy, ksim_strncpy)

// Returns strlen(src); copies what fits and terminates when size > 0.
size_t ksim_strlcpy(char* dest, const char* src, size_t size) {
    size_t ret = std::strlen(src);
    if (size != 0) {
        size_t len = ret >= size ? size - 1 : ret;
        std::memcpy(dest, src, len);
        dest[len] = '\0';
    }
    return ret;
}
EXPORT_SYMBOL_AS_KSIM(strlcpy, ksim_strlcpy)

// The copied length, or -E2BIG when src did not fit (dest is then the
// truncated, terminated prefix; with count 0 dest is untouched).
ssize_t strscpy(char* dest, const char* src, size_t count) {
    if (count == 0 || count > static_cast<size_t>(std::numeric_limits<ssize_t>::max()))
        return -E2BIG;
    for (size_t i = 0; i < count; ++i) {
        dest[i] = src[i];
        if (src[i] == '\0')
            return static_cast<ssize_t>(i);
    }
    dest[count - 1] = '\0';
    return -E2BIG;
}
EXPORT_SYMBOL_KSIM(strscpy)

ssize_t strscpy_pad(char* dest, const char* src, size_t count) {
    ssize_t written = strscpy(dest, src, count);
    if (written < 0 || static_cast<size_t>(written) == count - 1)
        return written;
    std::memset(dest + written + 1, 0, count - written - 1);
    return written;
}
EXPORT_SYMBOL_KSIM(strscpy_pad)

char* ksim_strcat(char* d, const char* s) {
    return std::strcat(d, s);
}
EXPORT_SYMBOL_AS_KSIM(strcat, ksim_strcat)
char* ksim_strncat(char* d, const char* s, size_t n) {
    return std::strncat(d, s, n);
}
EXPORT_SYMBOL_AS_KSIM(strncat, ksim_strncat)

size_t ksim_strlcat(char* dest, const char* src, size_t count) {
    size_t dsize = std::strlen(dest);
    size_t len = std::strlen(src);
    size_t res = dsize + len;
    // lib/string.c treats an unterminated dest as a bug; count what would
    // have been needed instead of writing past it.
    if (dsize >= count)
        return count + len;
    size_t room = count - dsize - 1;
    if (len > room)
        len = room;
    std::memcpy(dest + dsize, src, len);
    dest[dsize + len] = '\0';
    return res;
}
EXPORT_SYMBOL_AS_KSIM(strlcat, ksim_strlcat)

// lib/string.c strcmp()/strncmp() return -1, 0 or 1.
int ksim_strcmp(const char* cs, const char* ct) {
    for (;;) {
        unsigned char a = *cs++, b = *ct++;
        if (a != b)
            return a < b ? -1 : 1;
        if (a == 0)
            return 0;
    }
}
EXPORT_SYMBOL_AS_KSIM(strcmp, ksim_strcmp)

int ksim_strncmp(const char* cs, const char* ct, size_t count) {
    while (count-- != 0) {
        unsigned char a = *cs++, b = *ct++;
        if (a != b)
            return a < b ? -1 : 1;
        if (a == 0)
            break;
    }
    return 0;
}
EXPORT_SYMBOL_AS_KSIM(strncmp, ksim_strncmp)

// The difference of the first differing lower-cased characters.
int ksim_strcasecmp(const char* s1, const char* s2) {
    int c1, c2;
    do {
        c1 = k_tolower(static_cast<unsigned char>(*s1++));
        c2 = k_tolower(static_cast<unsigned char>(*s2++));
    } while (c1 == c2 && c1 != 0);
    return c1 - c2;
}
EXPORT_SYMBOL_AS_KSIM(strcasecmp, ksim_strcasecmp)

int ksim_strncasecmp(const char* s1, const char* s2, size_t len) {
    if (len == 0)
        return 0;
    int c1, c2;
    do {
        c1 = static_cast<unsigned char>(*s1++);
        c2 = static_cast<unsigned char>(*s2++);
        if (c1 == 0 || c2 == 0)
            break;
        if (c1 == c2)
            continue;
        c1 = k_tolower(c1);
        c2 = k_tolower(c2);
        if (c1 != c2)
            break;
    } while (--len != 0);
    return c1 - c2;
}
EXPORT_SYMBOL_AS_KSIM(strncasecmp, ksim_strncasecmp)

char* ksim_strchr(const char* s, int c) {
    return const_cast<char*>(std::strchr(s, c));
}
EXPORT_SYMBOL_AS_KSIM(strchr, ksim_strchr)

char* ksim_strchrnul(const char* s, int c) {
    while (*s != '\0' && *s != static_cast<char>(c))
        ++s;
    return const_cast<char*>(s);
}
EXPORT_SYMBOL_AS_KSIM(strchrnul, ksim_strchrnul)

// Looks at most count bytes; the terminating NUL itself can be found.
char* strnchr(const char* s, size_t count, int c) {
    while (count-- != 0) {
        if (*s == static_cast<char>(c))
            return const_cast<char*>(s);
        if (*s++ == '\0')
            break;
    }
    return nullptr;
}
EXPORT_SYMBOL_KSIM(strnchr)

char* ksim_strrchr(const char* s, int c) {
    return const_cast<char*>(std::strrchr(s, c));
}
EXPORT_SYMBOL_AS_KSIM(strrchr, ksim_strrchr)
char* ksim_strstr(const char* s1, const char* s2) {
    return const_cast<char*>(std::strstr(s1, s2));
}
EXPORT_SYMBOL_AS_KSIM(strstr, ksim_strstr)

char* strnstr(const char* s1, const char* s2, size_t len) {
    size_t l2 = std::strlen(s2);
    if (l2 == 0)
        return const_cast<char*>(s1);
    while (len >= l2) {
        --len;
        if (std::memcmp(s1, s2, l2) == 0)
            return const_cast<char*>(s1);
        ++s1;
    }
    return nullptr;
}
EXPORT_SYMBOL_KSIM(strnstr)

char* ksim_strpbrk(const char* cs, const char* ct) {
    return const_cast<char*>(std::strpbrk(cs, ct));
}
EXPORT_SYMBOL_AS_KSIM(strpbrk, ksim_strpbrk)
size_t ksim_strspn(const char* s, const char* accept) {
    return std::strspn(s, accept);
}
EXPORT_SYMBOL_AS_KSIM(strspn, ksim_strspn)
size_t ksim_strcspn(const char* s, const char* reject) {
    return std::strcspn(s, reject);
}
EXPORT_SYMBOL_AS_KSIM(strcspn, ksim_strcspn)

// Splits *s at the first delimiter: returns the token, advances *s past the
// delimiter (NULL after the last token).
char* ksim_strsep(char** s, const char* ct) {
    char* sbegin = *s;
    if (sbegin == nullptr)
        return nullptr;
    char* end = std::strpbrk(sbegin, ct);
    if (end != nullptr)
        *end++ = '\0';
    *s = end;
    return sbegin;
}
EXPORT_SYMBOL_AS_KSIM(strsep, ksim_strsep)

char* skip_spaces(const char* str) {
    while (k_isspace(static_cast<unsigned char>(*str)))
        ++str;
    return const_cast<char*>(str);
}
EXPORT_SYMBOL_KSIM(skip_spaces)

// Cuts trailing white space in place; returns the first non-space.
char* strim(char* s) {
    size_t size = std::strlen(s);
    if (size == 0)
        return s;
    char* end = s + size - 1;
    while (end >= s && k_isspace(static_cast<unsigned char>(*end)))
        --end;
    end[1] = '\0';
    return skip_spaces(s);
}
EXPORT_SYMBOL_KSIM(strim)

// Returns a pointer to the terminating NUL.
char* strreplace(char* s, char old, char repl) {
    for (; *s != '\0'; ++s)
        if (*s == old)
            *s = repl;
    return s;
}
EXPORT_SYMBOL_KSIM(strreplace)

// Equal, except that one trailing newline on either side is ignored.
bool sysfs_streq(const char* s1, const char* s2) {
    while (*s1 != '\0' && *s1 == *s2) {
        ++s1;
        ++s2;
    }
    if (*s1 == *s2)
        return true;
    if (*s1 == '\0' && s2[0] == '\n' && s2[1] == '\0')
        return true;
    if (s1[0] == '\n' && s1[1] == '\0' && *s2 == '\0')
        return true;
    return false;
}
EXPORT_SYMBOL_KSIM(sysfs_streq)

// Index of string in array (stops at n or a NULL entry), or -EINVAL.
int match_string(const char* const* array, size_t n, const char* string) {
    for (size_t i = 0; i < n; ++i) {
        if (array[i] == nullptr)
            break;
        if (ksim_strcmp(array[i], string) == 0)
            return static_cast<int>(i);
    }
    return -EINVAL;
}
EXPORT_SYMBOL_KSIM(match_string)

int __sysfs_match_string(const char* const* array, size_t n, const char* s) {
    for (size_t i = 0; i < n; ++i) {
        if (array[i] == nullptr)
            break;
        if (sysfs_streq(array[i], s))
            return static_cast<int>(i);
    }
    return -EINVAL;
}
EXPORT_SYMBOL_KSIM(__sysfs_match_string)

// mm/util.c: the kstrdup family allocates with kmalloc on the caller's
// behalf; the record names the module's call site.
char* kstrdup(const char* s, unsigned gfp) {
    if (s == nullptr)
        return nullptr;
    size_t len = std::strlen(s) + 1;
    auto* buf = static_cast<char*>(kmalloc_at(len, gfp, KSIM_CALL_SITE(), "kstrdup"));
    if (buf != nullptr)
        std::memcpy(buf, s, len);
    return buf;
}
EXPORT_SYMBOL_KSIM(kstrdup)

// Linux returns rodata strings as they are; ksim cannot tell a module's
// rodata from its heap, so it always copies and kfree_const always frees.
const char* kstrdup_const(const char* s, unsigned gfp) {
    if (s == nullptr)
        return nullptr;
    size_t len = std::strlen(s) + 1;
    auto* buf = static_cast<char*>(kmalloc_at(len, gfp, KSIM_CALL_SITE(), "kstrdup_const"));
    if (buf != nullptr)
        std::memcpy(buf, s, len);
    return buf;
}
EXPORT_SYMBOL_KSIM(kstrdup_const)

void kfree_const(const void* x) {
    kfree_at(x, KSIM_CALL_SITE(), "kfree_const");
}
EXPORT_SYMBOL_KSIM(kfree_const)

char* kstrndup(const char* s, size_t max, unsigned gfp) {
    if (s == nullptr)
        return nullptr;
    size_t len = ::strnlen(s, max);
    auto* buf = static_cast<char*>(kmalloc_at(len + 1, gfp, KSIM_CALL_SITE(), "kstrndup"));
    if (buf != nullptr) {
        std::memcpy(buf, s, len);
        buf[len] = '\0';
    }
    return buf;
}
EXPORT_SYMBOL_KSIM(kstrndup)

void* kmemdup(const void* src, size_t len, unsigned gfp) {
    void* p = kmalloc_at(len, gfp, KSIM_CALL_SITE(), "kmemdup");
    if (p != nullptr && !zero_or_null(p))
        std::memcpy(p, src, len);
    return p;
}
EXPORT_SYMBOL_KSIM(kmemdup)

char* kmemdup_nul(const char* s, size_t len, unsigned gfp) {
    if (s == nullptr)
        return nullptr;
    auto* buf = static_cast<char*>(kmalloc_at(len + 1, gfp, KSIM_CALL_SITE(), "kmemdup_nul"));
    if (buf != nullptr) {
        std::memcpy(buf, s, len);
        buf[len] = '\0';
    }
    return buf;
}
EXPORT_SYMBOL_KSIM(kmemdup_nul)

// lib/memweight.c: the number of set bits.
size_t memweight(const void* ptr, size_t bytes) {
    auto* p = static_cast<const unsigned char*>(ptr);
    size_t w = 0;
    for (size_t i = 0; i < bytes; ++i)
        w += static_cast<size_t>(__builtin_popcount(p[i]));
    return w;
}
EXPORT_SYMBOL_KSIM(memweight)

// fs/libfs.c memory_read_from_buffer(): copies from `from` at *ppos, at most
// count bytes, advancing *ppos; 0 at or past the end, -EINVAL for a negative
// position.
ssize_t memory_read_from_buffer(void* to, size_t count, long long* ppos, const void* from,
                                size_t available) {
    long long pos = *ppos;
    if (pos < 0)
        return -EINVAL;
    if (static_cast<unsigned long long>(pos) >= available)
        return 0;
    if (count > available - static_cast<size_t>(pos))
        count = available - static_cast<size_t>(pos);
    std::memcpy(to, static_cast<const char*>(from) + pos, count);
    *ppos = pos + static_cast<long long>(count);
    return static_cast<ssize_t>(count);
}
EXPORT_SYMBOL_KSIM(memory_read_from_buffer)

// lib/argv_split.c: one kmalloc'd copy of the string cut into words, and
// an argv array whose hidden slot [-1] remembers that copy for argv_free().
char** argv_split(unsigned gfp, const char* str, int* argcp) {
    uint64_t site = KSIM_CALL_SITE();
    size_t len = std::strlen(str);
    auto* copy = static_cast<char*>(kmalloc_at(len + 1, gfp, site, "argv_split"));
    if (copy == nullptr)
        return nullptr;
    std::memcpy(copy, str, len + 1);
    int argc = 0;
    for (char* p = skip_spaces(copy); *p != '\0'; p = skip_spaces(p)) {
        ++argc;
        while (*p != '\0' && !k_isspace(static_cast<unsigned char>(*p)))
            ++p;
    }
    auto** argv = static_cast<char**>(
        kmalloc_at(sizeof(char*) * (static_cast<size_t>(argc) + 2), gfp, site, "argv_split"));
    if (argv == nullptr) {
        kfree_at(copy, site, "argv_split");
        return nullptr;
    }
    argv[0] = copy;
    char** out = argv + 1;
    for (char* p = skip_spaces(copy); *p != '\0'; p = skip_spaces(p)) {
        *out++ = p;
        while (*p != '\0' && !k_isspace(static_cast<unsigned char>(*p)))
            ++p;
        if (*p != '\0')
            *p++ = '\0';
    }
    *out = nullptr;
    if (argcp != nullptr)
        *argcp = argc;
    return argv + 1;
}
EXPORT_SYMBOL_KSIM(argv_split)

void argv_free(char** argv) {
    uint64_t site = KSIM_CALL_SITE();
    kfree_at(argv[-1], site, "argv_free");
    kfree_at(argv - 1, site, "argv_free");
}
EXPORT_SYMBOL_KSIM(argv_free)

} // extern "C"
