#pragma once
// Shared pieces of ksim's vsnprintf: the bounded output sink, the parsed
// conversion spec, and the %p extension dispatcher (format_pointer.cpp).

#include <cstdarg>
#include <cstddef>

namespace ksim::api {

struct Sink {
    char* buf;
    size_t size;
    size_t pos; // characters the full output has so far
    void put(char c);
    void put(const char* s, size_t n);
};

struct FormatSpec {
    enum : unsigned {
        sign = 1,
        left = 2,
        plus = 4,
        space = 8,
        zeropad = 16,
        small = 32,
        special = 64
    };
    unsigned flags = 0;
    int width = -1;
    int precision = -1;
    unsigned base = 10;
};

// lib/vsprintf.c number() and string_nocheck().
void emit_number(Sink& out, unsigned long long num, FormatSpec spec);
void emit_string(Sink& out, const char* s, FormatSpec spec);
// %s: NULL prints "(null)", pointers into the first page or ERR_PTRs
// "(efault)", as check_pointer() does.
void emit_checked_string(Sink& out, const char* s, FormatSpec spec);

// Formats the pointer conversion whose extension starts at `fmt` (just
// after the 'p'); returns fmt (the caller skips the alphanumeric tail).
const char* format_pointer(Sink& out, const char* fmt, void* ptr, FormatSpec spec);

// The formatting loop itself (vsprintf.cpp), for %pV.
int format(Sink& out, const char* fmt, va_list args);

} // namespace ksim::api
