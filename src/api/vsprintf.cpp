// vsnprintf and friends with the kernel's conversions and %p extensions
// (mirrors lib/vsprintf.c; sscanf is in sscanf.cpp). Formatting writes
// through a bounded Sink so every function returns the length the full
// output would have had, as the kernel's do.
#include "api/vsprintf.h"

#include "api/alloc.h"
#include "api/export.h"
#include "api/format_pointer.h"
#include "kernel/kernel.h"

#include <climits>
#include <cstring>

namespace ksim::api {

void Sink::put(char c) {
    if (pos < size)
        buf[pos] = c;
    ++pos;
}

void Sink::put(const char* s, size_t n) {
    for (size_t i = 0; i < n; ++i)
        put(s[i]);
}

void emit_number(Sink& out, unsigned long long num, FormatSpec spec) {
    static const char digits[] = "0123456789ABCDEF";
    char tmp[3 * sizeof(num)];
    char locase = (spec.flags & FormatSpec::small) ? 0x20 : 0;
    char sign = 0;
    int width = spec.width;
    int precision = spec.precision;
    if (spec.flags & FormatSpec::left)
        spec.flags &= ~FormatSpec::zeropad;
    if (spec.flags & FormatSpec::sign) {
        if (static_cast<long long>(num) < 0) {
            sign = '-';
            num = -num;
            --width;
        } else if (spec.flags & FormatSpec::plus) {
            sign = '+';
            --width;
        } else if (spec.flags & FormatSpec::space) {
            sign = ' ';
            --width;
        }
    }
    // '#' adds "0x" even to a zero value, but no octal '0' before a zero
    // (checked against Linux 6.1: "%#x|%#o" of 0 prints "0x0|0").
    bool need_pfx =
        (spec.flags & FormatSpec::special) && spec.base != 10 && !(spec.base == 8 && num == 0);
    if (need_pfx)
        width -= spec.base == 16 ? 2 : 1;
    int i = 0;
    if (num == 0) {
        tmp[i++] = '0';
    } else {
        while (num != 0) {
            tmp[i++] = static_cast<char>(digits[num % spec.base] | locase);
            num /= spec.base;
        }
    }
    if (i > precision)
        precision = i;
    width -= precision;
    if (!(spec.flags & (FormatSpec::zeropad | FormatSpec::left)))
        while (--width >= 0)
            out.put(' ');
    if (sign)
        out.put(sign);
    if (need_pfx) {
        out.put('0');
        if (spec.base == 16)
            out.put(static_cast<char>('X' | locase));
    }
    if (!(spec.flags & FormatSpec::left)) {
        char c = (spec.flags & FormatSpec::zeropad) ? '0' : ' ';
        while (--width >= 0)
            out.put(c);
    }
    while (i <= --precision)
        out.put('0');
    while (--i >= 0)
        out.put(tmp[i]);
    while (--width >= 0)
        out.put(' ');
}

void emit_string(Sink& out, const char* s, FormatSpec spec) {
    size_t len = 0;
    size_t lim = spec.precision < 0 ? SIZE_MAX : static_cast<size_t>(spec.precision);
    while (len < lim && s[len] != '\0')
        ++len;
    int pad = spec.width - static_cast<int>(len);
    if (!(spec.flags & FormatSpec::left))
        for (int i = 0; i < pad; ++i)
            out.put(' ');
    out.put(s, len);
    if (spec.flags & FormatSpec::left)
        for (int i = 0; i < pad; ++i)
            out.put(' ');
}

namespace {

enum class Qualifier { none, hh, h, l, ll, z, t, j };

bool is_alnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int skip_atoi(const char*& s) {
    int i = 0;
    while (*s >= '0' && *s <= '9')
        i = i * 10 + (*s++ - '0');
    return i;
}

} // namespace

int format(Sink& out, const char* fmt, va_list args) {
    while (*fmt != '\0') {
        if (*fmt != '%') {
            const char* start = fmt;
            while (*fmt != '\0' && *fmt != '%')
                ++fmt;
            out.put(start, fmt - start);
            continue;
        }
        const char* spec_start = fmt;
        ++fmt;
        FormatSpec spec;
        for (bool more = true; more;) {
            switch (*fmt) {
            case '-':
                spec.flags |= FormatSpec::left;
                break;
            case '+':
                spec.flags |= FormatSpec::plus;
                break;
            case ' ':
                spec.flags |= FormatSpec::space;
                break;
            case '#':
                spec.flags |= FormatSpec::special;
                break;
            case '0':
                spec.flags |= FormatSpec::zeropad;
                break;
            default:
                more = false;
                continue;
            }
            ++fmt;
        }
        if (*fmt >= '0' && *fmt <= '9') {
            spec.width = skip_atoi(fmt);
        } else if (*fmt == '*') {
            ++fmt;
            spec.width = va_arg(args, int);
            if (spec.width < 0) {
                spec.width = -spec.width;
                spec.flags |= FormatSpec::left;
            }
        }
        if (*fmt == '.') {
            ++fmt;
            if (*fmt >= '0' && *fmt <= '9') {
                spec.precision = skip_atoi(fmt);
            } else if (*fmt == '*') {
                ++fmt;
                spec.precision = va_arg(args, int);
            } else {
                spec.precision = 0;
            }
            if (spec.precision < 0)
                spec.precision = 0;
        }
        Qualifier q = Qualifier::none;
        switch (*fmt) {
        case 'h':
            ++fmt;
            q = Qualifier::h;
            if (*fmt == 'h') {
                ++fmt;
                q = Qualifier::hh;
            }
            break;
        case 'l':
            ++fmt;
            q = Qualifier::l;
            if (*fmt == 'l') {
                ++fmt;
                q = Qualifier::ll;
            }
            break;
        case 'L':
            ++fmt;
            q = Qualifier::ll;
            break;
        case 'z':
        case 'Z':
            ++fmt;
            q = Qualifier::z;
            break;
        case 't':
            ++fmt;
            q = Qualifier::t;
            break;
        case 'j':
            ++fmt;
            q = Qualifier::j;
            break;
        default:
            break;
        }
        char conv = *fmt;
        if (conv == '\0') {
            // A lone '%' at the end is copied as the kernel copies it.
            out.put(spec_start, fmt - spec_start);
            break;
        }
        ++fmt;
        spec.base = 10;
        switch (conv) {
        case '%':
            out.put('%');
            continue;
        case 'c': {
            char c = static_cast<char>(va_arg(args, int));
            int pad = spec.width - 1;
            if (!(spec.flags & FormatSpec::left))
                for (int i = 0; i < pad; ++i)
                    out.put(' ');
            out.put(c);
            if (spec.flags & FormatSpec::left)
                for (int i = 0; i < pad; ++i)
                    out.put(' ');
            continue;
        }
        case 's':
            emit_checked_string(out, va_arg(args, const char*), spec);
            continue;
        case 'p': {
            void* ptr = va_arg(args, void*);
            fmt = format_pointer(out, fmt, ptr, spec);
            // Extensions are alphanumeric; the kernel skips all of them.
            while (is_alnum(*fmt))
                ++fmt;
            continue;
        }
        case 'o':
            spec.base = 8;
            break;
        case 'x':
            spec.flags |= FormatSpec::small;
            [[fallthrough]];
        case 'X':
            spec.base = 16;
            break;
        case 'd':
        case 'i':
            spec.flags |= FormatSpec::sign;
            break;
        case 'u':
            break;
        default:
            // lib/vsprintf.c: an unknown conversion (including %n) stops
            // the output: the remaining arguments can no longer be matched.
            return 0;
        }
        unsigned long long num;
        bool is_signed = spec.flags & FormatSpec::sign;
        switch (q) {
        case Qualifier::ll:
        case Qualifier::j:
            num = va_arg(args, unsigned long long);
            break;
        case Qualifier::l:
        case Qualifier::z:
        case Qualifier::t:
            num = va_arg(args, unsigned long);
            if (is_signed)
                num = static_cast<long long>(static_cast<long>(num));
            break;
        case Qualifier::h:
            num = static_cast<unsigned short>(va_arg(args, int));
            if (is_signed)
                num = static_cast<long long>(static_cast<short>(num));
            break;
        case Qualifier::hh:
            num = static_cast<unsigned char>(va_arg(args, int));
            if (is_signed)
                num = static_cast<long long>(static_cast<signed char>(num));
            break;
        default:
            num = va_arg(args, unsigned int);
            if (is_signed)
                num = static_cast<long long>(static_cast<int>(num));
            break;
        }
        emit_number(out, num, spec);
    }
    return 0;
}

std::string kvformat(const char* fmt, va_list args) {
    va_list copy;
    va_copy(copy, args);
    int n = ksim_vsnprintf(nullptr, 0, fmt, copy);
    va_end(copy);
    std::string s(static_cast<size_t>(n), '\0');
    ksim_vsnprintf(s.data(), s.size() + 1, fmt, args);
    return s;
}

std::string kformat(const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    std::string s = kvformat(fmt, ap);
    va_end(ap);
    return s;
}

} // namespace ksim::api

using namespace ksim::api;

extern "C" {

int ksim_vsnprintf(char* buf, size_t size, const char* fmt, va_list args) {
    // lib/vsprintf.c refuses sizes that look like negative ints.
    if (size > INT_MAX)
        return 0;
    Sink out{buf, size, 0};
    format(out, fmt, args);
    if (size > 0)
        buf[out.pos < size ? out.pos : size - 1] = '\0';
    return static_cast<int>(out.pos);
}
EXPORT_SYMBOL_AS_KSIM(vsnprintf, ksim_vsnprintf)

int ksim_snprintf(char* buf, size_t size, const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = ksim_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
EXPORT_SYMBOL_AS_KSIM(snprintf, ksim_snprintf)

// The number of characters actually written (without the NUL).
int ksim_vscnprintf(char* buf, size_t size, const char* fmt, va_list args) {
    int i = ksim_vsnprintf(buf, size, fmt, args);
    if (static_cast<size_t>(i) < size)
        return i;
    return size != 0 ? static_cast<int>(size - 1) : 0;
}
EXPORT_SYMBOL_AS_KSIM(vscnprintf, ksim_vscnprintf)

int ksim_scnprintf(char* buf, size_t size, const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = ksim_vscnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
EXPORT_SYMBOL_AS_KSIM(scnprintf, ksim_scnprintf)

int ksim_vsprintf(char* buf, const char* fmt, va_list args) {
    return ksim_vsnprintf(buf, INT_MAX, fmt, args);
}
EXPORT_SYMBOL_AS_KSIM(vsprintf, ksim_vsprintf)

int ksim_sprintf(char* buf, const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = ksim_vsnprintf(buf, INT_MAX, fmt, ap);
    va_end(ap);
    return n;
}
EXPORT_SYMBOL_AS_KSIM(sprintf, ksim_sprintf)

static char* kvasprintf_at(unsigned gfp, const char* fmt, va_list ap, uint64_t site,
                           const char* fn) {
    va_list copy;
    va_copy(copy, ap);
    int len = ksim_vsnprintf(nullptr, 0, fmt, copy);
    va_end(copy);
    auto* p = static_cast<char*>(kmalloc_at(static_cast<size_t>(len) + 1, gfp, site, fn));
    if (p != nullptr)
        ksim_vsnprintf(p, static_cast<size_t>(len) + 1, fmt, ap);
    return p;
}

char* kvasprintf(unsigned gfp, const char* fmt, va_list ap) {
    return kvasprintf_at(gfp, fmt, ap, KSIM_CALL_SITE(), "kvasprintf");
}
EXPORT_SYMBOL_KSIM(kvasprintf)

// Linux may return fmt itself when it has no conversions; ksim always
// allocates, which kfree_const() handles either way.
const char* kvasprintf_const(unsigned gfp, const char* fmt, va_list ap) {
    return kvasprintf_at(gfp, fmt, ap, KSIM_CALL_SITE(), "kvasprintf_const");
}
EXPORT_SYMBOL_KSIM(kvasprintf_const)

char* kasprintf(unsigned gfp, const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char* p = kvasprintf_at(gfp, fmt, ap, KSIM_CALL_SITE(), "kasprintf");
    va_end(ap);
    return p;
}
EXPORT_SYMBOL_KSIM(kasprintf)

} // extern "C"
