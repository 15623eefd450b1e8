// kstrto*(), simple_strto*() and memparse() for modules (mirrors
// lib/kstrtox.c and the simple_strto* half of lib/vsprintf.c, memparse from
// lib/cmdline.c): strict parsing with one trailing newline allowed, -ERANGE on
// overflow and -EINVAL on anything else.
#include "api/kstrtox.h"

#include "api/ctype.h"
#include "api/export.h"

#include <cerrno>
#include <climits>
#include <cstdint>

namespace ksim::api {

const char* parse_integer_fixup_radix(const char* s, unsigned* base) {
    if (*base == 0) {
        if (s[0] == '0') {
            if (k_tolower(s[1]) == 'x' && k_isxdigit(s[2]))
                *base = 16;
            else
                *base = 8;
        } else {
            *base = 10;
        }
    }
    if (*base == 16 && s[0] == '0' && k_tolower(s[1]) == 'x')
        s += 2;
    return s;
}

unsigned parse_integer_limit(const char* s, unsigned base, unsigned long long* p,
                             size_t max_chars) {
    unsigned long long res = 0;
    unsigned rv = 0;
    while (max_chars-- != 0) {
        int c = static_cast<unsigned char>(*s);
        int lc = k_tolower(c);
        unsigned val;
        if (k_isdigit(c))
            val = c - '0';
        else if (lc >= 'a' && lc <= 'f')
            val = lc - 'a' + 10;
        else
            break;
        if (val >= base)
            break;
        if (__builtin_mul_overflow(res, base, &res) || __builtin_add_overflow(res, val, &res))
            rv |= kstrtox_overflow;
        ++s;
        ++rv;
    }
    *p = res;
    return rv;
}

unsigned long long simple_strntoull(const char* cp, char** endp, unsigned base, size_t max_chars) {
    const char* start = cp;
    cp = parse_integer_fixup_radix(cp, &base);
    size_t prefix = static_cast<size_t>(cp - start);
    max_chars = max_chars > prefix ? max_chars - prefix : 0;
    unsigned long long result;
    unsigned rv = parse_integer_limit(cp, base, &result, max_chars);
    cp += rv & ~kstrtox_overflow;
    if (endp != nullptr)
        *endp = const_cast<char*>(cp);
    return result;
}

long long simple_strntoll(const char* cp, char** endp, unsigned base, size_t max_chars) {
    if (*cp == '-' && max_chars > 0)
        return -static_cast<long long>(simple_strntoull(cp + 1, endp, base, max_chars - 1));
    return static_cast<long long>(simple_strntoull(cp, endp, base, max_chars));
}

namespace {

int kstrtoull_raw(const char* s, unsigned base, unsigned long long* res) {
    unsigned long long value;
    s = parse_integer_fixup_radix(s, &base);
    unsigned rv = parse_integer_limit(s, base, &value, INT_MAX);
    if (rv & kstrtox_overflow)
        return -ERANGE;
    if (rv == 0)
        return -EINVAL;
    s += rv;
    if (*s == '\n')
        ++s;
    if (*s != '\0')
        return -EINVAL;
    *res = value;
    return 0;
}

template <typename T> int kstrto_unsigned(const char* s, unsigned base, T* res) {
    unsigned long long tmp;
    int rv = kstrtoull(s, base, &tmp);
    if (rv < 0)
        return rv;
    if (tmp != static_cast<T>(tmp))
        return -ERANGE;
    *res = static_cast<T>(tmp);
    return 0;
}

template <typename T> int kstrto_signed(const char* s, unsigned base, T* res) {
    long long tmp;
    int rv = kstrtoll(s, base, &tmp);
    if (rv < 0)
        return rv;
    if (tmp != static_cast<T>(tmp))
        return -ERANGE;
    *res = static_cast<T>(tmp);
    return 0;
}

} // namespace
} // namespace ksim::api

using namespace ksim::api;

extern "C" {

int kstrtoull(const char* s, unsigned base, unsigned long long* res) {
    if (s[0] == '+')
        ++s;
    return kstrtoull_raw(s, base, res);
}
EXPORT_SYMBOL_KSIM(kstrtoull)

int kstrtoll(const char* s, unsigned base, long long* res) {
    unsigned long long tmp;
    if (s[0] == '-') {
        int rv = kstrtoull_raw(s + 1, base, &tmp);
        if (rv < 0)
            return rv;
        if (tmp > static_cast<unsigned long long>(LLONG_MAX) + 1)
            return -ERANGE;
        *res = static_cast<long long>(0ULL - tmp);
    } else {
        int rv = kstrtoull(s, base, &tmp);
        if (rv < 0)
            return rv;
        if (tmp > static_cast<unsigned long long>(LLONG_MAX))
            return -ERANGE;
        *res = static_cast<long long>(tmp);
    }
    return 0;
}
EXPORT_SYMBOL_KSIM(kstrtoll)

int _kstrtoul(const char* s, unsigned base, unsigned long* res) {
    return kstrto_unsigned(s, base, res);
}
EXPORT_SYMBOL_KSIM(_kstrtoul)
int _kstrtol(const char* s, unsigned base, long* res) {
    return kstrto_signed(s, base, res);
}
EXPORT_SYMBOL_KSIM(_kstrtol)
int kstrtouint(const char* s, unsigned base, unsigned* res) {
    return kstrto_unsigned(s, base, res);
}
EXPORT_SYMBOL_KSIM(kstrtouint)
int kstrtoint(const char* s, unsigned base, int* res) {
    return kstrto_signed(s, base, res);
}
EXPORT_SYMBOL_KSIM(kstrtoint)
int kstrtou16(const char* s, unsigned base, unsigned short* res) {
    return kstrto_unsigned(s, base, res);
}
EXPORT_SYMBOL_KSIM(kstrtou16)
int kstrtos16(const char* s, unsigned base, short* res) {
    return kstrto_signed(s, base, res);
}
EXPORT_SYMBOL_KSIM(kstrtos16)
int kstrtou8(const char* s, unsigned base, unsigned char* res) {
    return kstrto_unsigned(s, base, res);
}
EXPORT_SYMBOL_KSIM(kstrtou8)
int kstrtos8(const char* s, unsigned base, signed char* res) {
    return kstrto_signed(s, base, res);
}
EXPORT_SYMBOL_KSIM(kstrtos8)

// lib/kstrtox.c kstrtobool(): only the first character matters, except for
// "on"/"off" where the second does.
int kstrtobool(const char* s, bool* res) {
    if (s == nullptr)
        return -EINVAL;
    switch (s[0]) {
    case 'y':
    case 'Y':
    case 't':
    case 'T':
    case '1':
        *res = true;
        return 0;
    case 'n':
    case 'N':
    case 'f':
    case 'F':
    case '0':
        *res = false;
        return 0;
    case 'o':
    case 'O':
        switch (s[1]) {
        case 'n':
        case 'N':
            *res = true;
            return 0;
        case 'f':
        case 'F':
            *res = false;
            return 0;
        default:
            break;
        }
        break;
    default:
        break;
    }
    return -EINVAL;
}
EXPORT_SYMBOL_KSIM(kstrtobool)

unsigned long long simple_strtoull(const char* cp, char** endp, unsigned base) {
    return simple_strntoull(cp, endp, base, INT_MAX);
}
EXPORT_SYMBOL_KSIM(simple_strtoull)
unsigned long simple_strtoul(const char* cp, char** endp, unsigned base) {
    return simple_strntoull(cp, endp, base, INT_MAX);
}
EXPORT_SYMBOL_KSIM(simple_strtoul)
long simple_strtol(const char* cp, char** endp, unsigned base) {
    return simple_strntoll(cp, endp, base, INT_MAX);
}
EXPORT_SYMBOL_KSIM(simple_strtol)
long long simple_strtoll(const char* cp, char** endp, unsigned base) {
    return simple_strntoll(cp, endp, base, INT_MAX);
}
EXPORT_SYMBOL_KSIM(simple_strtoll)

// lib/cmdline.c memparse(): a number with an optional K/M/G/T/P/E suffix
// (each a further factor of 1024).
unsigned long long memparse(const char* ptr, char** retptr) {
    char* endptr;
    unsigned long long ret = simple_strtoull(ptr, &endptr, 0);
    int shift = 0;
    switch (*endptr) {
    case 'E':
    case 'e':
        shift += 10;
        [[fallthrough]];
    case 'P':
    case 'p':
        shift += 10;
        [[fallthrough]];
    case 'T':
    case 't':
        shift += 10;
        [[fallthrough]];
    case 'G':
    case 'g':
        shift += 10;
        [[fallthrough]];
    case 'M':
    case 'm':
        shift += 10;
        [[fallthrough]];
    case 'K':
    case 'k':
        shift += 10;
        ret <<= shift;
        ++endptr;
        break;
    default:
        break;
    }
    if (retptr != nullptr)
        *retptr = endptr;
    return ret;
}
EXPORT_SYMBOL_KSIM(memparse)

// lib/cmdline.c get_option(): an int, then 0 (end), 1 (no comma after it),
// 2 (comma follows) or 3 (a '-' range follows).
int get_option(char** str, int* pint) {
    char* cur = *str;
    if (cur == nullptr || *cur == '\0')
        return 0;
    int value;
    if (*cur == '-')
        value = -static_cast<int>(simple_strtoull(++cur, str, 0));
    else
        value = static_cast<int>(simple_strtoull(cur, str, 0));
    if (pint != nullptr)
        *pint = value;
    if (cur == *str)
        return 0;
    if (**str == ',') {
        ++*str;
        return 2;
    }
    if (**str == '-')
        return 3;
    return 1;
}
EXPORT_SYMBOL_KSIM(get_option)

} // extern "C"
