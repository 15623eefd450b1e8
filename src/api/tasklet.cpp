// Tasklets (kernel/softirq.c): the exported half of include/linux/
// interrupt.h's tasklet API; the kernel's Softirq runs them.
//
// Context: scheduling from any context; tasklet_kill() and
// tasklet_unlock_wait() wait for a running tasklet and so sleep.
#include "api/export.h"
#include "kernel/kernel.h"
#include "kernel/softirq.h"

#include "../../include/ksim/deferred_abi.h"

#include <atomic>

namespace {

constexpr unsigned tasklet_state_run = 1;
constexpr int hardirq_softirq_mask = 0xff00 | 0xf0000;

ksim::Softirq& softirq() {
    return ksim::Kernel::active().softirq();
}

} // namespace

extern "C" {

int preempt_count(void);

void tasklet_init(struct tasklet_struct* t, void (*func)(unsigned long), unsigned long data) {
    t->next = nullptr;
    t->state = 0;
    t->count.counter = 0;
    t->func = func;
    t->use_callback = false;
    t->data = data;
    softirq().note_setup(t, reinterpret_cast<uint64_t>(__builtin_return_address(0)));
}

void tasklet_setup(struct tasklet_struct* t, void (*callback)(struct tasklet_struct*)) {
    t->next = nullptr;
    t->state = 0;
    t->count.counter = 0;
    t->callback = callback;
    t->use_callback = true;
    t->data = 0;
    softirq().note_setup(t, reinterpret_cast<uint64_t>(__builtin_return_address(0)));
}

void __tasklet_schedule(struct tasklet_struct* t) {
    softirq().schedule_tasklet(t, false);
}

void __tasklet_hi_schedule(struct tasklet_struct* t) {
    softirq().schedule_tasklet(t, true);
}

void tasklet_kill(struct tasklet_struct* t) {
    if (preempt_count() & hardirq_softirq_mask)
        ksim::Kernel::active().log().emit(5, "Attempt to kill tasklet from interrupt");
    softirq().kill_tasklet(t);
}

void tasklet_unlock(struct tasklet_struct* t) {
    std::atomic_ref<unsigned long>(t->state).fetch_and(~(1UL << tasklet_state_run));
}

void tasklet_unlock_wait(struct tasklet_struct* t) {
    softirq().wait_tasklet(t);
}

void tasklet_unlock_spin_wait(struct tasklet_struct* t) {
    softirq().wait_tasklet(t);
}

} // extern "C"

EXPORT_SYMBOL_KSIM(tasklet_init)
EXPORT_SYMBOL_KSIM(tasklet_setup)
EXPORT_SYMBOL_KSIM(__tasklet_schedule)
EXPORT_SYMBOL_KSIM(__tasklet_hi_schedule)
EXPORT_SYMBOL_KSIM(tasklet_kill)
EXPORT_SYMBOL_GPL_KSIM(tasklet_unlock)
EXPORT_SYMBOL_GPL_KSIM(tasklet_unlock_wait)
EXPORT_SYMBOL_GPL_KSIM(tasklet_unlock_spin_wait)
