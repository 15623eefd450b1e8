// Futex waits on lock words; see lock_wait.h.
#include "api/lock_wait.h"

#include "kernel/kernel.h"
#include "kernel/task.h"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <climits>
#include <ctime>

namespace ksim {

void lock_word_wait(const volatile void* word, uint32_t seen, std::chrono::milliseconds timeout) {
    // A task sleeping for a lock is off the CPU in Linux: not a soft lockup.
    SleepingScope asleep(Kernel::active().tasks().current_runtime());
    timespec ts{};
    ts.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    ts.tv_nsec = static_cast<long>(timeout.count() % 1000) * 1000000;
    // EAGAIN (already changed), EINTR and ETIMEDOUT all mean: look again.
    (void)syscall(SYS_futex, const_cast<void*>(word), FUTEX_WAIT_PRIVATE, seen, &ts, nullptr, 0);
}

void lock_word_wake(const volatile void* word) {
    (void)syscall(SYS_futex, const_cast<void*>(word), FUTEX_WAKE_PRIVATE, INT_MAX, nullptr, nullptr,
                  0);
}

} // namespace ksim
