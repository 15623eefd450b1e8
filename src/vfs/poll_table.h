#pragma once
// The poll table ksim's VFS passes to a driver's ->poll when the caller will
// wait (a host program's poll()/select() through FUSE): each poll_wait()
// adds an entry to the driver's wait queue whose wake function tells the
// caller to poll again, as fs/select.c's pollwake() wakes a sleeping
// poll(). Entries stay queued until the next poll of the same file or its
// close, which removes them before ->release can free the queues.
//
// Lock: m_lock, held while the driver's ->poll runs and while entries are
// removed; a wake runs under the driver's queue lock only.

#include "support/wait_abi.h"

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace ksim::vfs {

class PollRegistration {
  public:
    using Notify = std::function<void()>;

    PollRegistration();
    ~PollRegistration();
    PollRegistration(const PollRegistration&) = delete;
    PollRegistration& operator=(const PollRegistration&) = delete;

    // Runs `poll` (the driver's ->poll) with a table whose poll_wait()
    // registrations call `notify` on wake-up, replacing the registrations
    // of the previous call.
    unsigned poll_with(Notify notify, const std::function<unsigned(poll_table_struct*)>& poll);
    // Removes every registration (close, or before a poll that will not wait).
    void clear();
    size_t registered() const;

  private:
    struct Entry;
    struct Table {
        poll_table_struct pt;
        PollRegistration* self;
    };
    static void queue_proc(struct file*, wait_queue_head* head, poll_table_struct* pt);
    static int wake(wait_queue_entry* wait, unsigned mode, int sync, void* key);
    void clear_locked();

    mutable std::mutex m_lock;
    Table m_table;
    Notify m_notify;
    std::vector<std::unique_ptr<Entry>> m_entries;
};

} // namespace ksim::vfs
