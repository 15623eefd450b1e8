#pragma once
// The C++ side of wait queues shared by wait.cpp, completion.cpp and the
// VFS's poll tables: list helpers for struct list_head, the queue lock as
// RAII, and the exported functions ksim itself calls.
#include "support/wait_abi.h"

#include <cstddef>

#define WQ_FLAG_EXCLUSIVE 0x01u
#define WQ_FLAG_WOKEN 0x02u
#define WQ_FLAG_PRIORITY 0x20u
#define ERESTARTSYS 512

extern "C" {
unsigned long _raw_spin_lock_irqsave(raw_spinlock_t* lock);
void _raw_spin_unlock_irqrestore(raw_spinlock_t* lock, unsigned long flags);
long schedule_timeout(long timeout);
void schedule(void);
void __wake_up(struct wait_queue_head* wq_head, unsigned int mode, int nr, void* key);
void add_wait_queue(struct wait_queue_head* wq_head, struct wait_queue_entry* wq_entry);
void remove_wait_queue(struct wait_queue_head* wq_head, struct wait_queue_entry* wq_entry);
}

namespace ksim::api {

void list_init(list_head* l);
bool list_is_empty(const list_head* l);
void list_insert(list_head* entry, list_head* prev, list_head* next);
void list_unlink_init(list_head* entry);

// spin_lock_irqsave(&head->lock) for a scope.
class WaitQueueLock {
  public:
    explicit WaitQueueLock(wait_queue_head* head);
    ~WaitQueueLock();
    WaitQueueLock(const WaitQueueLock&) = delete;
    WaitQueueLock& operator=(const WaitQueueLock&) = delete;
    // Drop and retake the lock around a sleep.
    void unlock();
    void lock();

  private:
    wait_queue_head* m_head;
    unsigned long m_flags = 0;
    bool m_held = false;
};

// __wake_up_common() with the queue lock held.
void wake_up_common(wait_queue_head* head, unsigned mode, int nr_exclusive, int flags, void* key);

} // namespace ksim::api
