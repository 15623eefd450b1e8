// Wait queues (kernel/sched/wait.c, and default_wake_function from
// kernel/sched/core.c). The queue is the module's struct wait_queue_head,
// guarded by its own spinlock exactly as in Linux, so a driver may take
// that lock itself (wake_up_locked, wait_event_lock_irq). Waking an entry
// runs its function, by default try_to_wake_up() on the sleeping task.
//
// Context: the add/remove/wake functions never sleep (atomic context is
// fine); prepare_to_wait*() leave the task in a sleeping state for the
// caller's schedule().
#include "api/export.h"
#include "api/wait_queue.h"
#include "kernel/kernel.h"
#include "kernel/task.h"

namespace ksim::api {

namespace {
constexpr unsigned task_running = 0x0;
constexpr unsigned task_interruptible = 0x1;
constexpr unsigned task_wakekill = 0x100;

void set_current_state(unsigned state) {
    std::atomic_ref<unsigned>(Kernel::active().tasks().current().__state).store(state);
}

bool pending_for_state(unsigned state) {
    if (!(state & (task_interruptible | task_wakekill)))
        return false;
    // Every signal ksim delivers (a FUSE interrupt, shutdown) is fatal to
    // the request, so TASK_KILLABLE sleeps end too.
    task_struct& task = Kernel::active().tasks().current();
    return Kernel::active().tasks().signal_pending(task);
}
} // namespace

void list_init(list_head* l) {
    l->next = l;
    l->prev = l;
}
bool list_is_empty(const list_head* l) {
    return l->next == l;
}
void list_insert(list_head* entry, list_head* prev, list_head* next) {
    next->prev = entry;
    entry->next = next;
    entry->prev = prev;
    prev->next = entry;
}
void list_unlink_init(list_head* entry) {
    entry->prev->next = entry->next;
    entry->next->prev = entry->prev;
    list_init(entry);
}

WaitQueueLock::WaitQueueLock(wait_queue_head* head) : m_head(head) {
    lock();
}
WaitQueueLock::~WaitQueueLock() {
    if (m_held)
        unlock();
}
void WaitQueueLock::lock() {
    m_flags = _raw_spin_lock_irqsave(&m_head->lock.rlock);
    m_held = true;
}
void WaitQueueLock::unlock() {
    m_held = false;
    _raw_spin_unlock_irqrestore(&m_head->lock.rlock, m_flags);
}

// __wake_up_common(): wake entries in order until nr_exclusive exclusive
// waiters are woken; a negative return from a wake function stops the walk.
void wake_up_common(wait_queue_head* head, unsigned mode, int nr_exclusive, int flags, void* key) {
    list_head* pos = head->head.next;
    while (pos != &head->head) {
        list_head* next = pos->next;
        auto* entry = reinterpret_cast<wait_queue_entry*>(reinterpret_cast<char*>(pos) -
                                                          offsetof(wait_queue_entry, entry));
        unsigned entry_flags = entry->flags;
        int ret = entry->func(entry, mode, flags, key);
        if (ret < 0)
            break;
        if (ret && (entry_flags & WQ_FLAG_EXCLUSIVE) && !--nr_exclusive)
            break;
        pos = next;
    }
}

} // namespace ksim::api

using namespace ksim::api;

extern "C" {

void __init_waitqueue_head(struct wait_queue_head* wq_head, const char* name, void*) {
    wq_head->lock.rlock.locked = 0;
    wq_head->lock.rlock.owner_pid = 0;
    // lockdep_set_class_and_name(): the queue's lock is known by the
    // head's name (init_waitqueue_head() stringifies its argument).
    wq_head->lock.rlock.name = name != nullptr ? name : "&wq_head->lock";
    list_init(&wq_head->head);
}

void add_wait_queue(struct wait_queue_head* wq_head, struct wait_queue_entry* wq_entry) {
    wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
    WaitQueueLock lock(wq_head);
    list_insert(&wq_entry->entry, &wq_head->head, wq_head->head.next);
}

void add_wait_queue_exclusive(struct wait_queue_head* wq_head, struct wait_queue_entry* wq_entry) {
    wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
    WaitQueueLock lock(wq_head);
    list_insert(&wq_entry->entry, wq_head->head.prev, &wq_head->head);
}

void add_wait_queue_priority(struct wait_queue_head* wq_head, struct wait_queue_entry* wq_entry) {
    wq_entry->flags |= WQ_FLAG_EXCLUSIVE | WQ_FLAG_PRIORITY;
    WaitQueueLock lock(wq_head);
    list_insert(&wq_entry->entry, &wq_head->head, wq_head->head.next);
}

void remove_wait_queue(struct wait_queue_head* wq_head, struct wait_queue_entry* wq_entry) {
    WaitQueueLock lock(wq_head);
    list_unlink_init(&wq_entry->entry);
}

void __wake_up(struct wait_queue_head* wq_head, unsigned int mode, int nr_exclusive, void* key) {
    WaitQueueLock lock(wq_head);
    wake_up_common(wq_head, mode, nr_exclusive, 0, key);
}

// The caller holds wq_head->lock.
void __wake_up_locked(struct wait_queue_head* wq_head, unsigned int mode, int nr) {
    wake_up_common(wq_head, mode, nr, 0, nullptr);
}

void __wake_up_locked_key(struct wait_queue_head* wq_head, unsigned int mode, void* key) {
    wake_up_common(wq_head, mode, 1, 0, key);
}

// WF_SYNC only hints the scheduler; the wake-up is the same.
void __wake_up_sync_key(struct wait_queue_head* wq_head, unsigned int mode, void* key) {
    __wake_up(wq_head, mode, 1, key);
}

void __wake_up_sync(struct wait_queue_head* wq_head, unsigned int mode) {
    __wake_up(wq_head, mode, 1, nullptr);
}

int default_wake_function(struct wait_queue_entry* curr, unsigned mode, int, void*) {
    auto* task = static_cast<task_struct*>(curr->wq_private);
    if (task == nullptr)
        return 0;
    return ksim::Kernel::active().tasks().wake(*task, mode) ? 1 : 0;
}

int autoremove_wake_function(struct wait_queue_entry* wq_entry, unsigned mode, int sync,
                             void* key) {
    int ret = default_wake_function(wq_entry, mode, sync, key);
    if (ret)
        list_unlink_init(&wq_entry->entry);
    return ret;
}

void init_wait_entry(struct wait_queue_entry* wq_entry, int flags) {
    wq_entry->flags = static_cast<unsigned>(flags);
    wq_entry->wq_private = &ksim::Kernel::active().tasks().current();
    wq_entry->func = autoremove_wake_function;
    list_init(&wq_entry->entry);
}

void prepare_to_wait(struct wait_queue_head* wq_head, struct wait_queue_entry* wq_entry,
                     int state) {
    wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
    WaitQueueLock lock(wq_head);
    if (list_is_empty(&wq_entry->entry))
        list_insert(&wq_entry->entry, &wq_head->head, wq_head->head.next);
    set_current_state(static_cast<unsigned>(state));
}

// Returns whether the queue was empty (6.1's return value).
bool prepare_to_wait_exclusive(struct wait_queue_head* wq_head, struct wait_queue_entry* wq_entry,
                               int state) {
    wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
    WaitQueueLock lock(wq_head);
    bool was_empty = false;
    if (list_is_empty(&wq_entry->entry)) {
        was_empty = list_is_empty(&wq_head->head);
        list_insert(&wq_entry->entry, wq_head->head.prev, &wq_head->head);
    }
    set_current_state(static_cast<unsigned>(state));
    return was_empty;
}

// A signal pending for an interruptible (or killable) state takes the entry
// off the queue and returns -ERESTARTSYS, without changing the state.
long prepare_to_wait_event(struct wait_queue_head* wq_head, struct wait_queue_entry* wq_entry,
                           int state) {
    WaitQueueLock lock(wq_head);
    if (pending_for_state(static_cast<unsigned>(state))) {
        list_unlink_init(&wq_entry->entry);
        return -ERESTARTSYS;
    }
    if (list_is_empty(&wq_entry->entry)) {
        if (wq_entry->flags & WQ_FLAG_EXCLUSIVE)
            list_insert(&wq_entry->entry, wq_head->head.prev, &wq_head->head);
        else
            list_insert(&wq_entry->entry, &wq_head->head, wq_head->head.next);
    }
    set_current_state(static_cast<unsigned>(state));
    return 0;
}

void finish_wait(struct wait_queue_head* wq_head, struct wait_queue_entry* wq_entry) {
    set_current_state(task_running);
    // list_empty_careful(): a waker may have unlinked the entry already.
    if (!list_is_empty(&wq_entry->entry)) {
        WaitQueueLock lock(wq_head);
        list_unlink_init(&wq_entry->entry);
    }
}

// wait_woken()/woken_wake_function(): WQ_FLAG_WOKEN closes the window
// between testing the condition and sleeping.
long wait_woken(struct wait_queue_entry* wq_entry, unsigned mode, long timeout) {
    set_current_state(mode);
    if (!(__atomic_load_n(&wq_entry->flags, __ATOMIC_SEQ_CST) & WQ_FLAG_WOKEN) &&
        !pending_for_state(mode))
        timeout = schedule_timeout(timeout);
    set_current_state(task_running);
    __atomic_fetch_and(&wq_entry->flags, ~WQ_FLAG_WOKEN, __ATOMIC_SEQ_CST);
    return timeout;
}

int woken_wake_function(struct wait_queue_entry* wq_entry, unsigned mode, int sync, void* key) {
    __atomic_fetch_or(&wq_entry->flags, WQ_FLAG_WOKEN, __ATOMIC_SEQ_CST);
    return default_wake_function(wq_entry, mode, sync, key);
}

} // extern "C"

EXPORT_SYMBOL_KSIM(__init_waitqueue_head)
EXPORT_SYMBOL_KSIM(add_wait_queue)
EXPORT_SYMBOL_KSIM(add_wait_queue_exclusive)
EXPORT_SYMBOL_GPL_KSIM(add_wait_queue_priority)
EXPORT_SYMBOL_KSIM(remove_wait_queue)
EXPORT_SYMBOL_KSIM(__wake_up)
EXPORT_SYMBOL_GPL_KSIM(__wake_up_locked)
EXPORT_SYMBOL_GPL_KSIM(__wake_up_locked_key)
EXPORT_SYMBOL_GPL_KSIM(__wake_up_sync_key)
EXPORT_SYMBOL_GPL_KSIM(__wake_up_sync)
EXPORT_SYMBOL_KSIM(default_wake_function)
EXPORT_SYMBOL_KSIM(autoremove_wake_function)
EXPORT_SYMBOL_KSIM(init_wait_entry)
EXPORT_SYMBOL_KSIM(prepare_to_wait)
EXPORT_SYMBOL_KSIM(prepare_to_wait_exclusive)
EXPORT_SYMBOL_KSIM(prepare_to_wait_event)
EXPORT_SYMBOL_KSIM(finish_wait)
EXPORT_SYMBOL_KSIM(wait_woken)
EXPORT_SYMBOL_KSIM(woken_wake_function)
