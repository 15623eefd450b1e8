// run_guarded(): module code with its faults contained, on the task's kernel
// stack; see guarded_call.h.
#include "check/guarded_call.h"

#include "check/context.h"
#include "check/fault_trap.h"
#include "check/kernel_stack.h"
#include "check/oops_report.h"
#include "check/soft_lockup.h"
#include "kernel/kernel.h"
#include "kernel/softirq.h"
#include "kernel/task.h"

#include <csignal>

namespace ksim {

namespace {

// What the trampoline calls on the kernel stack. Named run_guarded_* so that
// stack traces treat it as plumbing, like run_guarded itself.
void run_guarded_body(void* body) {
    (*static_cast<const std::function<void()>*>(body))();
}

} // namespace

GuardedCallResult run_guarded(Kernel& kernel, const std::function<void()>& body) {
    FaultGuard guard;
    // The frame of this call bounds the Oops' call trace.
    auto entry_frame = reinterpret_cast<uint64_t>(__builtin_frame_address(0));
    guard.entry_frame = entry_frame;
    // The outermost entry switches to the kernel stack; nested ones (a
    // module calling back into code that enters module code) stay on it.
    const bool switch_stack = !on_kernel_stack();
    TaskRuntime& runtime = kernel.tasks().current_runtime();
    enter_fault_guard(guard);
    // For the soft-lockup watchdog: entering module code is progress.
    runtime.schedule_count.fetch_add(1, std::memory_order_relaxed);
    runtime.guarded_depth.fetch_add(1);
    kernel.watchdog().ensure_running();
    // jiffies tick while module code may read them.
    kernel.softirq().ensure_running();
    if (sigsetjmp(guard.jump, 1) != 0) {
        // The handler has already left the guard, and the jump has left the
        // kernel stack; the dead task's frames are still there for the
        // report to walk.
        if (switch_stack)
            left_kernel_stack();
        runtime.guarded_depth.fetch_sub(1);
        GuardedCallResult result;
        result.completed = false;
        // Signal 0: ended by abandon_guarded_region() (a reported deadlock);
        // the watchdog's signal: a soft lockup the task reports itself.
        if (guard.record.signal == 0)
            result.exit_signal = SIGKILL;
        else if (guard.record.signal == watchdog_signal())
            result.exit_signal = report_soft_lockup(kernel, guard.record, entry_frame);
        else
            result.exit_signal = report_oops(kernel, guard.record, entry_frame);
        // The task is gone, and with it whatever context it had.
        reset_task_context(kernel);
        return result;
    }
    if (!switch_stack ||
        !call_on_kernel_stack(run_guarded_body, const_cast<void*>(static_cast<const void*>(&body))))
        body();
    runtime.guarded_depth.fetch_sub(1);
    leave_fault_guard(guard);
    // Back to "user space": no spinlock may still be held.
    if (guard.outer == nullptr)
        check_context_balanced(kernel, "module code");
    return {};
}

} // namespace ksim
