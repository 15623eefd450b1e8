#pragma once
// The exported kernel functions the VFS itself calls, by their C names:
// module references (api/module.cpp) and the llseek helpers
// (api/read_write.cpp) that a NULL member defaults to, and the wait-queue
// calls poll tables make (api/wait.cpp).
#include "support/wait_abi.h"
#include "vfs/fs_abi.h"

extern "C" {
bool try_module_get(struct module* m);
void module_put(struct module* m);
long long default_llseek(struct file* file, long long offset, int whence);
long long no_llseek(struct file* file, long long offset, int whence);
void add_wait_queue(struct wait_queue_head* wq_head, struct wait_queue_entry* wq_entry);
void remove_wait_queue(struct wait_queue_head* wq_head, struct wait_queue_entry* wq_entry);
}
