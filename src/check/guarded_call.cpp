// run_guarded(): module code with its faults contained; see guarded_call.h.
#include "check/guarded_call.h"

#include "check/context.h"
#include "check/fault_trap.h"
#include "check/oops_report.h"

#include <csignal>

namespace ksim {

GuardedCallResult run_guarded(Kernel& kernel, const std::function<void()>& body) {
    FaultGuard guard;
    // The frame of this call bounds the Oops' call trace.
    auto entry_frame = reinterpret_cast<uint64_t>(__builtin_frame_address(0));
    guard.entry_frame = entry_frame;
    enter_fault_guard(guard);
    if (sigsetjmp(guard.jump, 1) != 0) {
        // The handler has already left the guard.
        GuardedCallResult result;
        result.completed = false;
        // Signal 0: ended by abandon_guarded_region() (a reported deadlock).
        result.exit_signal =
            guard.record.signal == 0 ? SIGKILL : report_oops(kernel, guard.record, entry_frame);
        // The task is gone, and with it whatever context it had.
        reset_task_context(kernel);
        return result;
    }
    body();
    leave_fault_guard(guard);
    // Back to "user space": no spinlock may still be held.
    if (guard.outer == nullptr)
        check_context_balanced(kernel, "module code");
    return {};
}

} // namespace ksim
