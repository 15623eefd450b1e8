// Kernel threads (kernel/kthread.c): the exported half of
// include/linux/kthread.h; the kernel's Kthreads runs them
// (kernel/kthreads.h). Parking is not simulated: a kthread is never asked
// to park.
#include "api/export.h"
#include "api/vsprintf.h"
#include "check/context.h"
#include "kernel/kernel.h"
#include "kernel/kthreads.h"

#include <cerrno>
#include <cstdarg>
#include <cstdint>

namespace {
// ERR_PTR(-ENOMEM)
void* const err_nomem = reinterpret_cast<void*>(static_cast<intptr_t>(-ENOMEM));
} // namespace

extern "C" {

struct task_struct* kthread_create_on_node(int (*threadfn)(void* data), void* data, int,
                                           const char namefmt[], ...) {
    // TASK_COMM_LEN: the name is cut to 15 characters, as set_task_comm().
    ksim::Kernel& kernel = ksim::Kernel::active();
    auto site = reinterpret_cast<uint64_t>(__builtin_return_address(0));
    // It allocates the task: failable like kmalloc (--fail-nth).
    if (kernel.faults().should_fail(kernel, site, "kthread_create_on_node"))
        return static_cast<struct task_struct*>(err_nomem);
    char comm[TASK_COMM_LEN];
    va_list args;
    va_start(args, namefmt);
    ksim_vsnprintf(comm, sizeof(comm), namefmt, args);
    va_end(args);
    return kernel.kthreads().create(threadfn, data, comm, site);
}

int kthread_stop(struct task_struct* k) {
    ksim::Kernel& kernel = ksim::Kernel::active();
    ksim::check_might_sleep(kernel, "kernel/kthread.c", 704,
                            reinterpret_cast<uint64_t>(__builtin_frame_address(0)));
    return kernel.kthreads().stop(k);
}

bool kthread_should_stop(void) {
    return ksim::Kernel::active().kthreads().should_stop();
}

// One CPU: binding changes nothing.
void kthread_bind(struct task_struct*, unsigned int) {}

bool kthread_should_park(void) {
    return false;
}

bool kthread_freezable_should_stop(bool* was_frozen) {
    if (was_frozen != nullptr)
        *was_frozen = false;
    return kthread_should_stop();
}

int kthread_park(struct task_struct*) {
    return -ENOSYS;
}

void kthread_unpark(struct task_struct*) {}

void kthread_parkme(void) {}

} // extern "C"

EXPORT_SYMBOL_KSIM(kthread_create_on_node)
EXPORT_SYMBOL_KSIM(kthread_stop)
EXPORT_SYMBOL_KSIM(kthread_should_stop)
EXPORT_SYMBOL_KSIM(kthread_bind)
EXPORT_SYMBOL_GPL_KSIM(kthread_should_park)
EXPORT_SYMBOL_GPL_KSIM(kthread_freezable_should_stop)
EXPORT_SYMBOL_GPL_KSIM(kthread_park)
EXPORT_SYMBOL_GPL_KSIM(kthread_unpark)
EXPORT_SYMBOL_GPL_KSIM(kthread_parkme)
