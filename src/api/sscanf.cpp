// sscanf/vsscanf with the kernel's rules (mirrors vsscanf() in
// lib/vsprintf.c): white space matches any run of white space, %n does not
// count, and parsing stops at the first mismatch or the end of input.
#include "api/ctype.h"
#include "api/export.h"
#include "api/kstrtox.h"
#include "api/vsprintf.h"

#include <climits>
#include <cstdarg>
#include <cstring>

using namespace ksim::api;

namespace {
const char* skip(const char* s) {
    while (k_isspace(static_cast<unsigned char>(*s)))
        ++s;
    return s;
}
} // namespace

extern "C" {

int ksim_vsscanf(const char* buf, const char* fmt, va_list args) {
    const char* str = buf;
    int num = 0;
    while (*fmt != '\0') {
        if (k_isspace(static_cast<unsigned char>(*fmt))) {
            fmt = skip(fmt);
            str = skip(str);
        }
        if (*fmt != '%' && *fmt != '\0') {
            if (*fmt++ != *str++)
                break;
            continue;
        }
        if (*fmt == '\0')
            break;
        ++fmt;
        // %*: skip one white-space delimited field of input.
        if (*fmt == '*') {
            if (*str == '\0')
                break;
            while (!k_isspace(static_cast<unsigned char>(*fmt)) && *fmt != '%' && *fmt != '\0') {
                if (*fmt++ == '[')
                    return num; // %*[ is not supported by the kernel either
            }
            while (!k_isspace(static_cast<unsigned char>(*str)) && *str != '\0')
                ++str;
            continue;
        }
        int field_width = -1;
        if (k_isdigit(*fmt)) {
            field_width = 0;
            while (k_isdigit(*fmt))
                field_width = field_width * 10 + (*fmt++ - '0');
            if (field_width <= 0)
                break;
        }
        char qualifier = 0;
        if (*fmt == 'h' || k_tolower(*fmt) == 'l' || k_tolower(*fmt) == 'z' || *fmt == 't' ||
            *fmt == 'j') {
            qualifier = *fmt++;
            if (qualifier == *fmt) {
                if (qualifier == 'h') {
                    qualifier = 'H';
                    ++fmt;
                } else if (qualifier == 'l') {
                    qualifier = 'L';
                    ++fmt;
                }
            }
        }
        if (*fmt == '\0')
            break;
        if (*fmt == 'n') {
            ++fmt;
            *va_arg(args, int*) = static_cast<int>(str - buf);
            continue;
        }
        if (*str == '\0')
            break;
        unsigned base = 10;
        bool is_sign = false;
        switch (*fmt++) {
        case 'c': {
            char* s = va_arg(args, char*);
            if (field_width == -1)
                field_width = 1;
            do {
                *s++ = *str++;
            } while (--field_width > 0 && *str != '\0');
            ++num;
            continue;
        }
        case 's': {
            char* s = va_arg(args, char*);
            if (field_width == -1)
                field_width = SHRT_MAX;
            str = skip(str);
            while (*str != '\0' && !k_isspace(static_cast<unsigned char>(*str)) &&
                   field_width-- != 0)
                *s++ = *str++;
            *s = '\0';
            ++num;
            continue;
        }
        case '[': {
            char* s = va_arg(args, char*);
            bool set[256] = {};
            bool negate = false;
            if (field_width == -1)
                field_width = SHRT_MAX;
            if (*fmt == '^') {
                negate = true;
                ++fmt;
            }
            // A ']' first is part of the set.
            if (*fmt == ']')
                set[static_cast<unsigned char>(*fmt++)] = true;
            for (; *fmt != '\0' && *fmt != ']'; ++fmt) {
                if (fmt[1] == '-' && fmt[2] != '\0' && fmt[2] != ']' && fmt[0] < fmt[2]) {
                    for (int c = static_cast<unsigned char>(fmt[0]);
                         c <= static_cast<unsigned char>(fmt[2]); ++c)
                        set[c] = true;
                    fmt += 2;
                } else {
                    set[static_cast<unsigned char>(*fmt)] = true;
                }
            }
            if (*fmt == '\0')
                return num; // no closing bracket
            ++fmt;
            auto matches = [&](char c) { return set[static_cast<unsigned char>(c)] != negate; };
            if (!matches(*str))
                return num;
            while (*str != '\0' && matches(*str) && field_width-- != 0)
                *s++ = *str++;
            *s = '\0';
            ++num;
            continue;
        }
        case 'o':
            base = 8;
            break;
        case 'x':
        case 'X':
            base = 16;
            break;
        case 'i':
            base = 0;
            [[fallthrough]];
        case 'd':
            is_sign = true;
            break;
        case 'u':
            break;
        case '%':
            if (*str++ != '%')
                return num;
            continue;
        default:
            return num;
        }
        str = skip(str);
        char digit = *str;
        if (is_sign && digit == '-') {
            if (field_width == 1)
                break;
            digit = str[1];
        }
        if (digit == '\0' || (base == 16 && !k_isxdigit(digit)) ||
            (base == 10 && !k_isdigit(digit)) ||
            (base == 8 && (!k_isdigit(digit) || digit > '7')) || (base == 0 && !k_isdigit(digit)))
            break;
        char* next;
        size_t limit = field_width > 0 ? static_cast<size_t>(field_width) : INT_MAX;
        unsigned long long u;
        if (is_sign)
            u = static_cast<unsigned long long>(simple_strntoll(str, &next, base, limit));
        else
            u = simple_strntoull(str, &next, base, limit);
        switch (qualifier) {
        case 'H':
            *va_arg(args, unsigned char*) = static_cast<unsigned char>(u);
            break;
        case 'h':
            *va_arg(args, unsigned short*) = static_cast<unsigned short>(u);
            break;
        case 'l':
        case 'z':
        case 'Z':
        case 't':
            *va_arg(args, unsigned long*) = static_cast<unsigned long>(u);
            break;
        case 'L':
        case 'j':
            *va_arg(args, unsigned long long*) = u;
            break;
        default:
            *va_arg(args, unsigned*) = static_cast<unsigned>(u);
            break;
        }
        ++num;
        if (next == nullptr)
            break;
        str = next;
    }
    return num;
}
EXPORT_SYMBOL_AS_KSIM(vsscanf, ksim_vsscanf)

int ksim_sscanf(const char* buf, const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = ksim_vsscanf(buf, fmt, ap);
    va_end(ap);
    return n;
}
EXPORT_SYMBOL_AS_KSIM(sscanf, ksim_sscanf)

} // extern "C"
