// `current`, sleeping and waking (arch/x86/include/asm/current.h
// get_current(); kernel/sched/core.c schedule(), wake_up_process();
// kernel/time/timer.c schedule_timeout(); kernel/signal.c signal_pending()
// and send_sig()). Tasks sleep on host condition variables (TaskTable).
#include "api/export.h"
#include "check/context.h"
#include "kernel/kernel.h"
#include "kernel/task.h"

#include <fmt/format.h>

#include <chrono>
#include <climits>

namespace {

constexpr unsigned task_running = 0x0;
constexpr unsigned task_interruptible = 0x1;
constexpr unsigned task_uninterruptible = 0x2;
constexpr unsigned task_wakekill = 0x100;
constexpr unsigned task_noload = 0x400;
constexpr unsigned task_normal = task_interruptible | task_uninterruptible;
// include/asm/param.h CONFIG_HZ: one jiffy is 4 ms.
constexpr long hz = 250;
constexpr auto jiffy = std::chrono::nanoseconds(1000000000 / hz);

void set_state(unsigned state) {
    std::atomic_ref<unsigned>(ksim::Kernel::active().tasks().current().__state).store(state);
}

} // namespace

extern "C" {

struct task_struct* get_current(void) {
    return &ksim::Kernel::active().tasks().current();
}

void schedule(void) {
    ksim::Kernel& kernel = ksim::Kernel::active();
    ksim::check_schedule(kernel, reinterpret_cast<uint64_t>(__builtin_frame_address(0)));
    (void)kernel.tasks().schedule(std::nullopt);
}

// Same sleep; ksim does not account iowait.
void io_schedule(void) {
    schedule();
}

long schedule_timeout(long timeout) {
    ksim::Kernel& kernel = ksim::Kernel::active();
    if (timeout == LONG_MAX) {
        schedule();
        return timeout;
    }
    if (timeout < 0) {
        kernel.log().emit(3, fmt::format("schedule_timeout: wrong timeout value {:x}",
                                         static_cast<unsigned long>(timeout)));
        set_state(task_running);
        return 0;
    }
    ksim::check_schedule(kernel, reinterpret_cast<uint64_t>(__builtin_frame_address(0)));
    if (kernel.clock().is_virtual() && !kernel.tasks().current_runtime().background) {
        // Virtual time: nobody else runs while a script waits, so the whole
        // timeout passes at once unless the task was already woken.
        task_struct& task = kernel.tasks().current();
        if (std::atomic_ref<unsigned>(task.__state).load() == task_running)
            return timeout;
        set_state(task_running);
        kernel.clock().advance(static_cast<uint64_t>(timeout) * jiffy.count());
        return 0;
    }
    auto left = kernel.tasks().schedule(jiffy * timeout);
    // Round up, as the remaining jiffies of an early wake-up are whole ticks.
    return static_cast<long>((left.count() + jiffy.count() - 1) / jiffy.count());
}

long schedule_timeout_interruptible(long timeout) {
    set_state(task_interruptible);
    return schedule_timeout(timeout);
}

long schedule_timeout_killable(long timeout) {
    set_state(task_wakekill | task_uninterruptible);
    return schedule_timeout(timeout);
}

long schedule_timeout_uninterruptible(long timeout) {
    set_state(task_uninterruptible);
    return schedule_timeout(timeout);
}

long schedule_timeout_idle(long timeout) {
    set_state(task_uninterruptible | task_noload);
    return schedule_timeout(timeout);
}

int wake_up_process(struct task_struct* p) {
    return ksim::Kernel::active().tasks().wake(*p, task_normal) ? 1 : 0;
}

int signal_pending(struct task_struct* p) {
    return ksim::Kernel::active().tasks().signal_pending(*p) ? 1 : 0;
}

// The signals ksim delivers end the system call they interrupt (a FUSE
// request whose caller was signalled, or shutdown), so each is fatal to it.
int fatal_signal_pending(struct task_struct* p) {
    return signal_pending(p);
}

int send_sig(int, struct task_struct* p, int) {
    ksim::Kernel::active().tasks().send_signal(*p);
    return 0;
}

} // extern "C"

EXPORT_SYMBOL_KSIM(get_current)
EXPORT_SYMBOL_KSIM(schedule)
EXPORT_SYMBOL_KSIM(io_schedule)
EXPORT_SYMBOL_KSIM(schedule_timeout)
EXPORT_SYMBOL_KSIM(schedule_timeout_interruptible)
EXPORT_SYMBOL_KSIM(schedule_timeout_killable)
EXPORT_SYMBOL_KSIM(schedule_timeout_uninterruptible)
EXPORT_SYMBOL_KSIM(schedule_timeout_idle)
EXPORT_SYMBOL_KSIM(wake_up_process)
EXPORT_SYMBOL_KSIM(signal_pending)
EXPORT_SYMBOL_KSIM(fatal_signal_pending)
EXPORT_SYMBOL_KSIM(send_sig)
