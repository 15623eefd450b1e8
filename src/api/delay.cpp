// Delays (kernel/time/timer.c: msleep(), usleep_range_state(); arch
// udelay). Sleeping ones schedule, which in atomic context is "scheduling
// while atomic"; under the virtual clock they advance time instead of
// waiting.
#include "api/export.h"
#include "check/context.h"
#include "check/fault_trap.h"
#include "kernel/kernel.h"
#include "kernel/task.h"

#include <chrono>
#include <thread>

namespace {

// The time passes: on the virtual clock at once, else on the host's.
void wait_for(ksim::Kernel& kernel, uint64_t ns) {
    if (kernel.clock().is_virtual() && !kernel.tasks().current_runtime().background)
        kernel.clock().advance(ns);
    else
        std::this_thread::sleep_for(std::chrono::nanoseconds(ns));
}

// A sleep: the task is off the CPU meanwhile, so it is no soft lockup.
void sleep_for(ksim::Kernel& kernel, uint64_t ns) {
    ksim::SleepingScope asleep(kernel.tasks().current_runtime());
    wait_for(kernel, ns);
}

} // namespace

extern "C" {

void msleep(unsigned int msecs) {
    ksim::Kernel& kernel = ksim::Kernel::active();
    ksim::check_schedule(kernel, reinterpret_cast<uint64_t>(__builtin_frame_address(0)));
    sleep_for(kernel, uint64_t(msecs) * 1000000);
}

unsigned long msleep_interruptible(unsigned int msecs) {
    msleep(msecs);
    return 0;
}

void usleep_range_state(unsigned long min, unsigned long, unsigned int) {
    ksim::Kernel& kernel = ksim::Kernel::active();
    ksim::check_schedule(kernel, reinterpret_cast<uint64_t>(__builtin_frame_address(0)));
    sleep_for(kernel, uint64_t(min) * 1000);
}

// Busy waits: allowed in atomic context, and they do not schedule, so a
// long one is a soft lockup; the watchdog may stop the task inside.
void __udelay(unsigned long usecs) {
    ksim::KillableWait spinning;
    wait_for(ksim::Kernel::active(), uint64_t(usecs) * 1000);
}
void __ndelay(unsigned long nsecs) {
    ksim::KillableWait spinning;
    wait_for(ksim::Kernel::active(), nsecs);
}

} // extern "C"

EXPORT_SYMBOL_KSIM(msleep)
EXPORT_SYMBOL_KSIM(msleep_interruptible)
EXPORT_SYMBOL_KSIM(usleep_range_state)
EXPORT_SYMBOL_KSIM(__udelay)
EXPORT_SYMBOL_KSIM(__ndelay)
