// _printk and vprintk for modules (mirrors kernel/printk/printk.c): the
// message is formatted with ksim's vsnprintf and handed to the log, which
// handles KERN_<LEVEL> prefixes and KERN_CONT continuation.
#include "api/export.h"
#include "api/vsprintf.h"
#include "kernel/kernel.h"

#include <cstdarg>

extern "C" {

int vprintk(const char* fmt, va_list args) {
    // kernel/printk/printk.c formats into a 1 KiB buffer
    // (PRINTKRB_RECORD_MAX); longer messages are cut there.
    char text[1024];
    int len = ksim_vscnprintf(text, sizeof text, fmt, args);
    return ksim::Kernel::active().log().printk(std::string_view(text, static_cast<size_t>(len)));
}
EXPORT_SYMBOL_KSIM(vprintk)

int _printk(const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vprintk(fmt, ap);
    va_end(ap);
    return n;
}
EXPORT_SYMBOL_KSIM(_printk)

// Deferred printing only matters under the console lock; ksim's log has none.
int _printk_deferred(const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vprintk(fmt, ap);
    va_end(ap);
    return n;
}
EXPORT_SYMBOL_KSIM(_printk_deferred)

} // extern "C"
