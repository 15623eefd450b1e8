// Workqueues (kernel/workqueue.c): the exported half of include/linux/
// workqueue.h; the kernel's Workqueues runs the work (kernel/workqueues.h).
//
// Context: queueing and cancel_*() without _sync from any context; flushes,
// *_sync and destroy_workqueue() sleep (might_sleep() first, as in Linux).
#include "api/export.h"
#include "api/vsprintf.h"
#include "check/context.h"
#include "kernel/kernel.h"
#include "kernel/workqueues.h"

#include "../../include/ksim/deferred_abi.h"

#include <cstdarg>
#include <cstddef>

namespace {

ksim::Workqueues& workqueues() {
    return ksim::Kernel::active().workqueues();
}

uint64_t caller(void* address) {
    return reinterpret_cast<uint64_t>(address);
}

// might_sleep() of the sleeping calls, reported at the caller's frame.
void might_sleep_here(int line, void* frame) {
    ksim::check_might_sleep(ksim::Kernel::active(), "kernel/workqueue.c", line,
                            reinterpret_cast<uint64_t>(frame));
}

} // namespace

extern "C" {

struct workqueue_struct* system_wq = ksim::Workqueues::system_tag(0);
struct workqueue_struct* system_highpri_wq = ksim::Workqueues::system_tag(1);
struct workqueue_struct* system_long_wq = ksim::Workqueues::system_tag(2);
struct workqueue_struct* system_unbound_wq = ksim::Workqueues::system_tag(3);

struct workqueue_struct* alloc_workqueue(const char* fmt, unsigned int flags, int max_active, ...) {
    ksim::Kernel& kernel = ksim::Kernel::active();
    uint64_t site = caller(__builtin_return_address(0));
    // It allocates the queue: failable like kmalloc (--fail-nth).
    if (kernel.faults().should_fail(kernel, site, "alloc_workqueue"))
        return nullptr;
    char name[24];
    va_list args;
    va_start(args, max_active);
    ksim_vsnprintf(name, sizeof(name), fmt, args);
    va_end(args);
    return kernel.workqueues().create(name, flags, max_active, site);
}

void destroy_workqueue(struct workqueue_struct* wq) {
    might_sleep_here(2889, __builtin_frame_address(0));
    workqueues().destroy(wq);
}

bool queue_work_on(int, struct workqueue_struct* wq, struct work_struct* work) {
    return workqueues().queue(wq, work, caller(__builtin_return_address(0)));
}

bool queue_delayed_work_on(int, struct workqueue_struct* wq, struct delayed_work* dwork,
                           unsigned long delay) {
    return workqueues().queue_delayed(wq, dwork, delay, caller(__builtin_return_address(0)), false);
}

bool mod_delayed_work_on(int, struct workqueue_struct* wq, struct delayed_work* dwork,
                         unsigned long delay) {
    return workqueues().queue_delayed(wq, dwork, delay, caller(__builtin_return_address(0)), true);
}

// The delayed work's timer has expired: queue the work.
void delayed_work_timer_fn(struct timer_list* t) {
    auto* dwork = reinterpret_cast<struct delayed_work*>(reinterpret_cast<char*>(t) -
                                                         offsetof(struct delayed_work, timer));
    workqueues().delay_expired(dwork);
}

void __flush_workqueue(struct workqueue_struct* wq) {
    might_sleep_here(2841, __builtin_frame_address(0));
    workqueues().flush_queue(wq);
}

void drain_workqueue(struct workqueue_struct* wq) {
    __flush_workqueue(wq);
}

bool flush_work(struct work_struct* work) {
    might_sleep_here(3213, __builtin_frame_address(0));
    return workqueues().flush(work);
}

bool cancel_work(struct work_struct* work) {
    return workqueues().cancel(work, false, nullptr);
}

bool cancel_work_sync(struct work_struct* work) {
    might_sleep_here(3239, __builtin_frame_address(0));
    return workqueues().cancel(work, true, nullptr);
}

bool flush_delayed_work(struct delayed_work* dwork) {
    might_sleep_here(3325, __builtin_frame_address(0));
    return workqueues().flush_delayed(dwork);
}

bool cancel_delayed_work(struct delayed_work* dwork) {
    return workqueues().cancel(&dwork->work, false, &dwork->timer);
}

bool cancel_delayed_work_sync(struct delayed_work* dwork) {
    might_sleep_here(3239, __builtin_frame_address(0));
    return workqueues().cancel(&dwork->work, true, &dwork->timer);
}

} // extern "C"

EXPORT_SYMBOL_KSIM(system_wq)
EXPORT_SYMBOL_KSIM(system_highpri_wq)
EXPORT_SYMBOL_KSIM(system_long_wq)
EXPORT_SYMBOL_GPL_KSIM(system_unbound_wq)
EXPORT_SYMBOL_GPL_KSIM(alloc_workqueue)
EXPORT_SYMBOL_GPL_KSIM(destroy_workqueue)
EXPORT_SYMBOL_KSIM(queue_work_on)
EXPORT_SYMBOL_KSIM(queue_delayed_work_on)
EXPORT_SYMBOL_GPL_KSIM(mod_delayed_work_on)
EXPORT_SYMBOL_KSIM(delayed_work_timer_fn)
EXPORT_SYMBOL_KSIM(__flush_workqueue)
EXPORT_SYMBOL_GPL_KSIM(drain_workqueue)
EXPORT_SYMBOL_KSIM(flush_work)
EXPORT_SYMBOL_KSIM(cancel_work)
EXPORT_SYMBOL_GPL_KSIM(cancel_work_sync)
EXPORT_SYMBOL_KSIM(flush_delayed_work)
EXPORT_SYMBOL_KSIM(cancel_delayed_work)
EXPORT_SYMBOL_KSIM(cancel_delayed_work_sync)
