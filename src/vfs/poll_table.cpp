// Poll registrations on drivers' wait queues (see poll_table.h; mirrors
// fs/select.c __pollwait() and pollwake()).
#include "vfs/poll_table.h"

#include "vfs/kernel_calls.h"

#include <cstddef>

namespace ksim::vfs {

struct PollRegistration::Entry {
    wait_queue_entry wait{};
    wait_queue_head* head = nullptr;
    PollRegistration* owner = nullptr;
};

PollRegistration::PollRegistration() {
    m_table.pt._qproc = &PollRegistration::queue_proc;
    m_table.pt._key = ~0u;
    m_table.self = this;
}

PollRegistration::~PollRegistration() {
    clear();
}

void PollRegistration::queue_proc(struct file*, wait_queue_head* head, poll_table_struct* pt) {
    auto* table = reinterpret_cast<Table*>(reinterpret_cast<char*>(pt) - offsetof(Table, pt));
    PollRegistration& self = *table->self; // m_lock is held by poll_with()
    auto entry = std::make_unique<Entry>();
    entry->head = head;
    entry->owner = &self;
    entry->wait.func = &PollRegistration::wake;
    entry->wait.wq_private = entry.get();
    entry->wait.entry.next = entry->wait.entry.prev = &entry->wait.entry;
    add_wait_queue(head, &entry->wait);
    self.m_entries.push_back(std::move(entry));
}

// pollwake(): a wake-up whose key names no event the caller asked for is
// ignored; ksim's callers ask for every event.
int PollRegistration::wake(wait_queue_entry* wait, unsigned, int, void* key) {
    auto* entry = static_cast<Entry*>(wait->wq_private);
    unsigned events = static_cast<unsigned>(reinterpret_cast<unsigned long>(key));
    if (key != nullptr && !(events & entry->owner->m_table.pt._key))
        return 0;
    if (entry->owner->m_notify)
        entry->owner->m_notify();
    return 1;
}

unsigned PollRegistration::poll_with(Notify notify,
                                     const std::function<unsigned(poll_table_struct*)>& poll) {
    std::lock_guard guard(m_lock);
    clear_locked();
    m_notify = std::move(notify);
    return poll(&m_table.pt);
}

void PollRegistration::clear_locked() {
    // remove_wait_queue() takes each queue's lock, so no wake of an entry
    // is still running once it returns.
    for (auto& e : m_entries)
        remove_wait_queue(e->head, &e->wait);
    m_entries.clear();
    m_notify = nullptr;
}

void PollRegistration::clear() {
    std::lock_guard guard(m_lock);
    clear_locked();
}

size_t PollRegistration::registered() const {
    std::lock_guard guard(m_lock);
    return m_entries.size();
}

} // namespace ksim::vfs
