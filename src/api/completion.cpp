// Completions (kernel/sched/completion.c): complete() counts one event and
// wakes one waiter, complete_all() saturates the count; a wait consumes one
// event, sleeping in the requested state until there is one, the timeout
// passes or (interruptible, killable) a signal arrives.
//
// Context: complete*() may be called from any context; the waits sleep and
// check might_sleep() first.
#include "api/export.h"
#include "api/wait_queue.h"
#include "check/context.h"
#include "kernel/kernel.h"
#include "kernel/task.h"

#include <climits>

namespace {

constexpr unsigned task_running = 0x0;
constexpr unsigned task_interruptible = 0x1;
constexpr unsigned task_uninterruptible = 0x2;
constexpr unsigned task_wakekill = 0x100;
constexpr unsigned task_normal = task_interruptible | task_uninterruptible;
constexpr unsigned complete_all_count = UINT_MAX;

void set_state(unsigned state) {
    std::atomic_ref<unsigned>(ksim::Kernel::active().tasks().current().__state).store(state);
}

// do_wait_for_common(): returns the jiffies left (at least 1) when an event
// was consumed, 0 on timeout, -ERESTARTSYS on a signal.
long wait_for_common(struct completion* x, long timeout, unsigned state, void* caller_frame) {
    ksim::Kernel& kernel = ksim::Kernel::active();
    // might_sleep() in __wait_for_common().
    ksim::check_might_sleep(kernel, "kernel/sched/completion.c", 106,
                            reinterpret_cast<uint64_t>(caller_frame));
    ksim::api::WaitQueueLock lock(&x->wait);
    if (!x->done) {
        wait_queue_entry wait{};
        wait.flags = WQ_FLAG_EXCLUSIVE;
        wait.wq_private = &kernel.tasks().current();
        wait.func = [](wait_queue_entry* e, unsigned mode, int, void*) -> int {
            return ksim::Kernel::active().tasks().wake(*static_cast<task_struct*>(e->wq_private),
                                                       mode)
                       ? 1
                       : 0;
        };
        ksim::api::list_insert(&wait.entry, x->wait.head.prev, &x->wait.head);
        do {
            if ((state & (task_interruptible | task_wakekill)) &&
                kernel.tasks().signal_pending(kernel.tasks().current())) {
                timeout = -ERESTARTSYS;
                break;
            }
            set_state(state);
            // The queue lock is dropped around the sleep, as
            // spin_unlock_irq()/schedule_timeout()/spin_lock_irq().
            lock.unlock();
            timeout = schedule_timeout(timeout);
            lock.lock();
        } while (!x->done && timeout);
        ksim::api::list_unlink_init(&wait.entry);
        if (!x->done)
            return timeout;
    }
    if (x->done != complete_all_count)
        x->done--;
    return timeout ? timeout : 1;
}

} // namespace

extern "C" {

void complete(struct completion* x) {
    ksim::api::WaitQueueLock lock(&x->wait);
    if (x->done != complete_all_count)
        x->done++;
    ksim::api::wake_up_common(&x->wait, task_normal, 1, 0, nullptr);
}

void complete_all(struct completion* x) {
    ksim::api::WaitQueueLock lock(&x->wait);
    x->done = complete_all_count;
    ksim::api::wake_up_common(&x->wait, task_normal, 0, 0, nullptr);
}

void wait_for_completion(struct completion* x) {
    wait_for_common(x, LONG_MAX, task_uninterruptible, __builtin_frame_address(0));
}

void wait_for_completion_io(struct completion* x) {
    wait_for_common(x, LONG_MAX, task_uninterruptible, __builtin_frame_address(0));
}

unsigned long wait_for_completion_timeout(struct completion* x, unsigned long timeout) {
    return static_cast<unsigned long>(wait_for_common(
        x, static_cast<long>(timeout), task_uninterruptible, __builtin_frame_address(0)));
}

unsigned long wait_for_completion_io_timeout(struct completion* x, unsigned long timeout) {
    return wait_for_completion_timeout(x, timeout);
}

int wait_for_completion_interruptible(struct completion* x) {
    long t = wait_for_common(x, LONG_MAX, task_interruptible, __builtin_frame_address(0));
    return t == -ERESTARTSYS ? static_cast<int>(t) : 0;
}

long wait_for_completion_interruptible_timeout(struct completion* x, unsigned long timeout) {
    return wait_for_common(x, static_cast<long>(timeout), task_interruptible,
                           __builtin_frame_address(0));
}

int wait_for_completion_killable(struct completion* x) {
    long t = wait_for_common(x, LONG_MAX, task_wakekill | task_uninterruptible,
                             __builtin_frame_address(0));
    return t == -ERESTARTSYS ? static_cast<int>(t) : 0;
}

int wait_for_completion_state(struct completion* x, unsigned int state) {
    long t = wait_for_common(x, LONG_MAX, state, __builtin_frame_address(0));
    return t == -ERESTARTSYS ? static_cast<int>(t) : 0;
}

long wait_for_completion_killable_timeout(struct completion* x, unsigned long timeout) {
    return wait_for_common(x, static_cast<long>(timeout), task_wakekill | task_uninterruptible,
                           __builtin_frame_address(0));
}

bool try_wait_for_completion(struct completion* x) {
    // A lockless peek first, as Linux, then take an event under the lock.
    if (!__atomic_load_n(&x->done, __ATOMIC_RELAXED))
        return false;
    ksim::api::WaitQueueLock lock(&x->wait);
    if (!x->done)
        return false;
    if (x->done != complete_all_count)
        x->done--;
    return true;
}

bool completion_done(struct completion* x) {
    if (!__atomic_load_n(&x->done, __ATOMIC_RELAXED))
        return false;
    // Wait for a complete() still holding the lock to finish.
    ksim::api::WaitQueueLock lock(&x->wait);
    return true;
}

} // extern "C"

EXPORT_SYMBOL_KSIM(complete)
EXPORT_SYMBOL_KSIM(complete_all)
EXPORT_SYMBOL_KSIM(wait_for_completion)
EXPORT_SYMBOL_KSIM(wait_for_completion_io)
EXPORT_SYMBOL_KSIM(wait_for_completion_timeout)
EXPORT_SYMBOL_KSIM(wait_for_completion_io_timeout)
EXPORT_SYMBOL_KSIM(wait_for_completion_interruptible)
EXPORT_SYMBOL_KSIM(wait_for_completion_interruptible_timeout)
EXPORT_SYMBOL_KSIM(wait_for_completion_killable)
EXPORT_SYMBOL_KSIM(wait_for_completion_state)
EXPORT_SYMBOL_KSIM(wait_for_completion_killable_timeout)
EXPORT_SYMBOL_KSIM(try_wait_for_completion)
EXPORT_SYMBOL_KSIM(completion_done)
