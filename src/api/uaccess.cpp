// Copies between kernel and user memory (lib/usercopy.c _copy_from_user /
// _copy_to_user, arch/x86/lib getuser/putuser and clear_user,
// lib/strncpy_from_user.c, lib/strnlen_user.c, mm/util.c memdup_user*).
// User memory is vfs::UserMemory's region: only these functions reach it.
// A "user" pointer outside that region is what Linux's access_ok() would
// reject (a kernel address): the copy fails as Linux's does and ksim reports
// the misuse as a finding, since on Linux it is a silent -EFAULT at best.
#include "api/export.h"
#include "kernel/kernel.h"
#include "kernel/symbolize.h"
#include "vfs/vfs.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace {

ksim::vfs::UserMemory& user_memory() {
    return ksim::Kernel::active().vfs().user_memory();
}

// Reports a user-copy call given an address that is not a user address.
void report_kernel_pointer(const char* function, uint64_t address, size_t size, void* caller) {
    ksim::Kernel& kernel = ksim::Kernel::active();
    auto where = ksim::symbolize(kernel, reinterpret_cast<uint64_t>(caller));
    ksim::Finding f;
    f.kind = "bad-user-pointer";
    f.summary = fmt::format("{}() given non-user address {:#x} (size {}): a kernel pointer "
                            "passed as a __user pointer",
                            function, address, size);
    if (where) {
        f.module = where->module;
        f.location = ksim::format_symbol(kernel, reinterpret_cast<uint64_t>(caller), true);
    }
    kernel.findings().add(std::move(f));
}

// How many of `n` bytes at user address `addr` a copy may touch; reports a
// kernel address once per call.
size_t reachable(const char* function, uint64_t addr, size_t n, void* caller) {
    auto& um = user_memory();
    if (n == 0)
        return 0;
    if (!um.in_user_range(addr)) {
        report_kernel_pointer(function, addr, n, caller);
        return 0;
    }
    return um.accessible(addr, n);
}

} // namespace

extern "C" {

// access_ok(): a range that lies in the user region. Linux only checks
// against TASK_SIZE_MAX; here every user address is inside the region, so
// the test is the same one.
bool ksim_access_ok(const void* addr, unsigned long size) {
    auto& um = user_memory();
    uint64_t a = reinterpret_cast<uint64_t>(addr);
    if (size == 0)
        return true;
    return um.in_user_range(a) && a + size <= um.end() && a + size > a;
}

// Returns the number of bytes NOT copied, as Linux does; the kernel side of
// a short copy_from_user is zero-filled (lib/usercopy.c).
unsigned long _copy_from_user(void* to, const void* from, unsigned long n) {
    uint64_t src = reinterpret_cast<uint64_t>(from);
    size_t ok = reachable("copy_from_user", src, n, __builtin_return_address(0));
    if (ok > 0)
        std::memcpy(to, user_memory().alias(src), ok);
    if (ok < n)
        std::memset(static_cast<char*>(to) + ok, 0, n - ok);
    return n - ok;
}

unsigned long _copy_to_user(void* to, const void* from, unsigned long n) {
    uint64_t dst = reinterpret_cast<uint64_t>(to);
    size_t ok = reachable("copy_to_user", dst, n, __builtin_return_address(0));
    if (ok > 0)
        std::memcpy(user_memory().alias(dst), from, ok);
    return n - ok;
}

// arch/x86/lib/usercopy_64.c clear_user(): bytes not cleared.
unsigned long clear_user(void* to, unsigned long n) {
    uint64_t dst = reinterpret_cast<uint64_t>(to);
    size_t ok = reachable("clear_user", dst, n, __builtin_return_address(0));
    if (ok > 0)
        std::memset(user_memory().alias(dst), 0, ok);
    return n - ok;
}

// lib/strncpy_from_user.c: the string's length (without NUL) if it fits
// in count, count if it does not (dst then unterminated), -EFAULT if the
// user memory ends first.
long strncpy_from_user(char* dst, const char* src, long count) {
    if (count <= 0)
        return 0;
    uint64_t s = reinterpret_cast<uint64_t>(src);
    size_t ok =
        reachable("strncpy_from_user", s, static_cast<size_t>(count), __builtin_return_address(0));
    const char* from = reinterpret_cast<const char*>(ok ? user_memory().alias(s) : nullptr);
    for (size_t i = 0; i < ok; ++i) {
        dst[i] = from[i];
        if (from[i] == '\0')
            return static_cast<long>(i);
    }
    if (ok == static_cast<size_t>(count))
        return count;
    return -EFAULT;
}

// lib/strnlen_user.c: length including the NUL, 0 on a fault, count+1 when
// no NUL is found within count.
long strnlen_user(const char* str, long count) {
    if (count <= 0)
        return 0;
    uint64_t s = reinterpret_cast<uint64_t>(str);
    size_t ok =
        reachable("strnlen_user", s, static_cast<size_t>(count), __builtin_return_address(0));
    const char* from = reinterpret_cast<const char*>(ok ? user_memory().alias(s) : nullptr);
    for (size_t i = 0; i < ok; ++i)
        if (from[i] == '\0')
            return static_cast<long>(i + 1);
    return ok == static_cast<size_t>(count) ? count + 1 : 0;
}

// get_user()/put_user() for 1, 2, 4 and 8 bytes. Linux's __get_user_N have
// a register calling convention; ksim's take the value by pointer and
// return 0 or -EFAULT (linux/uaccess.h's macros hide the difference).
#define KSIM_GET_PUT_USER(n, type)                                                                 \
    int __get_user_##n(const void* ptr, type* val) {                                               \
        uint64_t a = reinterpret_cast<uint64_t>(ptr);                                              \
        if (reachable("get_user", a, n, __builtin_return_address(0)) != n) {                       \
            *val = 0;                                                                              \
            return -EFAULT;                                                                        \
        }                                                                                          \
        std::memcpy(val, user_memory().alias(a), n);                                               \
        return 0;                                                                                  \
    }                                                                                              \
    int __put_user_##n(void* ptr, type val) {                                                      \
        uint64_t a = reinterpret_cast<uint64_t>(ptr);                                              \
        if (reachable("put_user", a, n, __builtin_return_address(0)) != n)                         \
            return -EFAULT;                                                                        \
        std::memcpy(user_memory().alias(a), &val, n);                                              \
        return 0;                                                                                  \
    }
KSIM_GET_PUT_USER(1, uint8_t)
KSIM_GET_PUT_USER(2, uint16_t)
KSIM_GET_PUT_USER(4, uint32_t)
KSIM_GET_PUT_USER(8, uint64_t)
#undef KSIM_GET_PUT_USER

} // extern "C"

EXPORT_SYMBOL_KSIM(ksim_access_ok)
EXPORT_SYMBOL_KSIM(_copy_from_user)
EXPORT_SYMBOL_KSIM(_copy_to_user)
EXPORT_SYMBOL_KSIM(clear_user)
EXPORT_SYMBOL_KSIM(strncpy_from_user)
EXPORT_SYMBOL_KSIM(strnlen_user)
EXPORT_SYMBOL_KSIM(__get_user_1)
EXPORT_SYMBOL_KSIM(__get_user_2)
EXPORT_SYMBOL_KSIM(__get_user_4)
EXPORT_SYMBOL_KSIM(__get_user_8)
EXPORT_SYMBOL_KSIM(__put_user_1)
EXPORT_SYMBOL_KSIM(__put_user_2)
EXPORT_SYMBOL_KSIM(__put_user_4)
EXPORT_SYMBOL_KSIM(__put_user_8)
