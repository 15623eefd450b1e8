#pragma once
// The kernel's printf family (lib/vsprintf.c) as ksim implements it, for
// ksim's own callers (printk, params, tests). Modules reach the same code
// through the exported names snprintf, vsnprintf, sscanf, ...

#include <cstdarg>
#include <cstddef>
#include <string>

extern "C" {
int ksim_vsnprintf(char* buf, size_t size, const char* fmt, va_list args);
int ksim_snprintf(char* buf, size_t size, const char* fmt, ...);
int ksim_vscnprintf(char* buf, size_t size, const char* fmt, va_list args);
int ksim_scnprintf(char* buf, size_t size, const char* fmt, ...);
int ksim_sprintf(char* buf, const char* fmt, ...);
int ksim_vsprintf(char* buf, const char* fmt, va_list args);
int ksim_vsscanf(const char* buf, const char* fmt, va_list args);
int ksim_sscanf(const char* buf, const char* fmt, ...);
}

namespace ksim::api {
// vsnprintf into a std::string of exactly the formatted length.
std::string kvformat(const char* fmt, va_list args);
std::string kformat(const char* fmt, ...);
// lib/errname.c: "EPERM" for 1, ..., nullptr for unknown codes.
const char* errname(int err);
} // namespace ksim::api
