// Task context and sleep checks; see context.h.
#include "check/context.h"

#include "check/fault_trap.h"
#include "check/lock_tracker.h"
#include "check/lockdep_report.h"
#include "check/soft_lockup.h"
#include "check/stack_trace.h"
#include "kernel/findings.h"
#include "kernel/kernel.h"
#include "kernel/task.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace ksim {

TaskContext current_context(Kernel& kernel) {
    task_struct& task = kernel.tasks().current();
    return TaskContext{task.ksim_preempt_count, task.ksim_irqs_disabled};
}

namespace {

void add_finding(Kernel& kernel, const std::string& kind, const std::string& summary,
                 uint64_t frame) {
    Finding f;
    f.kind = kind;
    f.summary = summary;
    FaultRecord from;
    from.rbp = frame;
    for (uint64_t ret : walk_frames(kernel, from, current_entry_frame())) {
        Where w = locate(kernel, ret);
        if (!w.module.empty() && f.module.empty()) {
            f.module = w.module;
            f.location = w.source.empty() ? w.symbol : w.symbol + " (" + w.source + ")";
        }
        f.details.push_back("  " + w.symbol + (w.source.empty() ? "" : "  " + w.source));
    }
    kernel.findings().add(std::move(f));
}

} // namespace

void check_might_sleep(Kernel& kernel, const char* file, int line, uint64_t frame) {
    TaskContext ctx = current_context(kernel);
    if (!ctx.atomic()) {
        // might_resched(): with voluntary preemption (Debian's default) a
        // task may schedule here, which keeps the soft-lockup watchdog quiet.
        note_schedule(kernel);
        return;
    }
    const task_struct& task = kernel.tasks().current();
    PrintkLog& log = kernel.log();
    std::string headline =
        fmt::format("BUG: sleeping function called from invalid context at {}:{}", file, line);
    log.emit(3, headline);
    log.emit(3, fmt::format("in_atomic(): {}, irqs_disabled(): {}, non_block: 0, pid: {}, name: {}",
                            ctx.preempt_count != 0 ? 1 : 0, ctx.irqs_disabled ? 1 : 0, task.pid,
                            task.comm));
    log.emit(3, fmt::format("preempt_count: {:x}, expected: 0", ctx.preempt_count));
    log.emit(3, "RCU nest depth: 0, expected: 0");
    log_stack_dump(kernel, 4, frame, current_entry_frame());
    kernel.taint().add(TaintFlag::Warn);
    add_finding(kernel, "sleep-in-atomic", headline, frame);
}

void check_schedule(Kernel& kernel, uint64_t frame) {
    // The task schedules (even in atomic context, after the BUG below).
    note_schedule(kernel);
    TaskContext ctx = current_context(kernel);
    if (!ctx.atomic())
        return;
    const task_struct& task = kernel.tasks().current();
    // schedule() itself has preemption disabled once more when it checks.
    std::string headline = fmt::format("BUG: scheduling while atomic: {}/{}/0x{:08x}", task.comm,
                                       task.pid, ctx.preempt_count + 1);
    kernel.log().emit(3, headline);
    kernel.log().emit(4, modules_linked_in(kernel));
    log_stack_dump(kernel, 4, frame, current_entry_frame());
    kernel.taint().add(TaintFlag::Warn);
    add_finding(kernel, "sleep-in-atomic", headline, frame);
}

void check_context_balanced(Kernel& kernel, const char* what) {
    bool reported = check_locks_at_user_return(kernel);
    TaskContext ctx = current_context(kernel);
    if (!ctx.atomic())
        return;
    std::vector<HeldLock> held = kernel.locks().held(kernel.tasks().current());
    bool spinning = std::any_of(held.begin(), held.end(), [](const HeldLock& l) {
        return l.kind == LockKind::Spin || l.kind == LockKind::RwLock;
    });
    // A spinlock lockdep has just listed explains the preempt count.
    if (!reported || !spinning) {
        Finding f;
        f.kind = "lock-held";
        f.summary =
            fmt::format("{} returned with preempt_count {}{} (a spinlock still held?)", what,
                        ctx.preempt_count, ctx.irqs_disabled ? " and interrupts disabled" : "");
        kernel.findings().add(std::move(f));
    }
    ctx.preempt_count = 0;
    ctx.irqs_disabled = 0;
}

void reset_task_context(Kernel& kernel) {
    TaskContext ctx = current_context(kernel);
    ctx.preempt_count = 0;
    ctx.irqs_disabled = 0;
    kernel.locks().task_died(kernel.tasks().current());
}

} // namespace ksim
