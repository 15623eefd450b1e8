#pragma once
// Execution context of a task (preempt count, interrupts disabled) and the
// checks that depend on it: sleeping in atomic context is reported every
// time, as with CONFIG_DEBUG_ATOMIC_SLEEP (kernel/sched/core.c:
// __might_resched(), __schedule_bug()).

#include "support/abi.h"

#include <cstdint>

namespace ksim {

class Kernel;

// A view of the calling task's context, which lives in its task_struct.
struct TaskContext {
    int& preempt_count;
    int& irqs_disabled;
    bool atomic() const { return preempt_count != 0 || irqs_disabled != 0; }
};

TaskContext current_context(Kernel& kernel);

// might_sleep() at file:line: reports "BUG: sleeping function called from
// invalid context" when the task is atomic. `frame` starts the call trace.
void check_might_sleep(Kernel& kernel, const char* file, int line, uint64_t frame);

// schedule() in atomic context: "BUG: scheduling while atomic".
void check_schedule(Kernel& kernel, uint64_t frame);

// At the end of a guarded call: a task must not return to user space
// holding a lock (lockdep's report, check/lockdep_report.h), a spinlock or
// with interrupts off; reports and resets the preempt/irq state.
void check_context_balanced(Kernel& kernel, const char* what);

// The task died in module code: no preemption or interrupt state, no locks.
void reset_task_context(Kernel& kernel);

} // namespace ksim
