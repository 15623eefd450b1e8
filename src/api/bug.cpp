// WARN and dump_stack as modules call them (kernel/panic.c: __warn(),
// warn_slowpath_fmt(); lib/dump_stack.c). BUG() needs no function: it is a
// ud2 that becomes an Oops (check/oops_report.cpp).
#include "api/export.h"
#include "api/vsprintf.h"
#include "check/fault_trap.h"
#include "check/stack_trace.h"
#include "kernel/findings.h"
#include "kernel/kernel.h"
#include "kernel/task.h"

#include <fmt/format.h>

#include <cstdarg>

namespace {

constexpr int kWarning = 4;

// The report __warn() prints, after any message the caller gave.
void report_warning(ksim::Kernel& kernel, const char* file, int line, unsigned taint,
                    uint64_t caller, uint64_t caller_frame) {
    using namespace ksim;
    PrintkLog& log = kernel.log();
    Where where = locate(kernel, caller);
    const task_struct& task = kernel.tasks().current();
    log.emit(kWarning, fmt::format("WARNING: CPU: 0 PID: {} at {}:{} {}", task.pid, file, line,
                                   where.symbol));
    log.emit(kWarning, modules_linked_in(kernel));
    log.emit(kWarning, cpu_line(kernel));
    log.emit(kWarning, "Hardware name: ksim");
    log.emit(kWarning, "RIP: 0010:" + where.symbol);
    log_call_trace(kernel, kWarning, caller_frame, current_entry_frame());
    log.emit(kWarning, "---[ end trace 0000000000000000 ]---");
    if (taint < taint_count)
        kernel.taint().add(static_cast<TaintFlag>(taint));
    Finding f;
    f.kind = "warning";
    f.summary = fmt::format("WARNING at {}:{} in {}", file, line, where.symbol);
    f.module = where.module;
    f.location = where.source.empty() ? where.symbol : where.symbol + " (" + where.source + ")";
    kernel.findings().add(std::move(f));
}

} // namespace

extern "C" {

void warn_slowpath_fmt(const char* file, const int line, unsigned taint, const char* fmt, ...) {
    ksim::Kernel& kernel = ksim::Kernel::active();
    auto caller = reinterpret_cast<uint64_t>(__builtin_return_address(0));
    // The caller's frame record (saved in ours): the walk starts with the
    // caller's caller.
    auto frame = *static_cast<const uint64_t*>(__builtin_frame_address(0));
    kernel.log().emit(kWarning, "------------[ cut here ]------------");
    if (fmt != nullptr) {
        va_list args;
        va_start(args, fmt);
        std::string message = ksim::api::kvformat(fmt, args);
        va_end(args);
        kernel.log().printk("\0014" + message);
    }
    report_warning(kernel, file, line, taint, caller, frame);
}

void dump_stack_lvl(const char* log_lvl) {
    ksim::Kernel& kernel = ksim::Kernel::active();
    int level =
        (log_lvl != nullptr && log_lvl[0] == '\001' && log_lvl[1] >= '0' && log_lvl[1] <= '7')
            ? log_lvl[1] - '0'
            : 4;
    ksim::log_stack_dump(kernel, level, reinterpret_cast<uint64_t>(__builtin_frame_address(0)),
                         ksim::current_entry_frame());
}

void dump_stack(void) {
    ksim::Kernel& kernel = ksim::Kernel::active();
    ksim::log_stack_dump(kernel, 4, reinterpret_cast<uint64_t>(__builtin_frame_address(0)),
                         ksim::current_entry_frame());
}

} // extern "C"

EXPORT_SYMBOL_KSIM(warn_slowpath_fmt)
EXPORT_SYMBOL_KSIM(dump_stack_lvl)
EXPORT_SYMBOL_KSIM(dump_stack)
