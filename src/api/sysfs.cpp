// fs/sysfs/file.c sysfs_emit() and sysfs_emit_at(): formatted output into a
// show() method's page, refusing buffers that are not the page sysfs gave.
#include "api/export.h"
#include "api/vsprintf.h"
#include "kernel/kernel.h"

#include <fmt/format.h>

#include <cstdarg>
#include <cstdint>

namespace {
constexpr int page_size = 4096;
bool bad_buffer(const char* buf) {
    if (buf != nullptr && (reinterpret_cast<uintptr_t>(buf) & (page_size - 1)) == 0)
        return false;
    // WARN(..., "invalid sysfs_emit: buf:%p\n", buf); the WARN's dump is not
    // reproduced.
    ksim::Kernel::active().log().emit(
        4, fmt::format("invalid sysfs_emit: buf:{:016x}\n", reinterpret_cast<uintptr_t>(buf)));
    return true;
}
} // namespace

extern "C" {

int sysfs_emit(char* buf, const char* fmt, ...) {
    if (bad_buffer(buf))
        return 0;
    va_list args;
    va_start(args, fmt);
    int len = ksim_vscnprintf(buf, page_size, fmt, args);
    va_end(args);
    return len;
}

int sysfs_emit_at(char* buf, int at, const char* fmt, ...) {
    if (bad_buffer(buf) || at < 0 || at >= page_size)
        return 0;
    va_list args;
    va_start(args, fmt);
    int len = ksim_vscnprintf(buf + at, static_cast<size_t>(page_size - at), fmt, args);
    va_end(args);
    return len;
}

} // extern "C"

EXPORT_SYMBOL_GPL_KSIM(sysfs_emit)
EXPORT_SYMBOL_GPL_KSIM(sysfs_emit_at)
