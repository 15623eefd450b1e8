#pragma once
// lib/kstrtox.c's integer parsing core, shared by kstrto*, simple_strto*,
// sscanf and the parameter parsers.

#include <cstddef>

namespace ksim::api {

constexpr unsigned kstrtox_overflow = 1u << 31;

// _parse_integer_fixup_radix(): base 0 becomes 16 ("0x" + hex digit), 8
// (leading 0) or 10; base 16 skips a "0x" prefix.
const char* parse_integer_fixup_radix(const char* s, unsigned* base);
// _parse_integer_limit(): digits consumed (at most max_chars), or'ed with
// kstrtox_overflow when the value did not fit in 64 bits.
unsigned parse_integer_limit(const char* s, unsigned base, unsigned long long* res,
                             size_t max_chars);

unsigned long long simple_strntoull(const char* cp, char** endp, unsigned base, size_t max_chars);
long long simple_strntoll(const char* cp, char** endp, unsigned base, size_t max_chars);

} // namespace ksim::api

// The exported entry points, for ksim's own callers (params, tests).
extern "C" {
int kstrtoull(const char* s, unsigned base, unsigned long long* res);
int kstrtoll(const char* s, unsigned base, long long* res);
int _kstrtoul(const char* s, unsigned base, unsigned long* res);
int _kstrtol(const char* s, unsigned base, long* res);
int kstrtouint(const char* s, unsigned base, unsigned* res);
int kstrtoint(const char* s, unsigned base, int* res);
int kstrtou16(const char* s, unsigned base, unsigned short* res);
int kstrtos16(const char* s, unsigned base, short* res);
int kstrtou8(const char* s, unsigned base, unsigned char* res);
int kstrtos8(const char* s, unsigned base, signed char* res);
int kstrtobool(const char* s, bool* res);
unsigned long long simple_strtoull(const char* cp, char** endp, unsigned base);
long simple_strtol(const char* cp, char** endp, unsigned base);
unsigned long long memparse(const char* ptr, char** retptr);
}
