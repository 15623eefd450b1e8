#pragma once
// Recording what a module registers (see kernel/resource_ledger.h) from the
// exported register functions, so that rmmod can name what it left behind.
// `call_site` is KSIM_CALL_SITE() of the exported function the module called.

#include <cstdint>
#include <functional>
#include <string>

namespace ksim::vfs {
class Node;
}

namespace ksim::api {

void track(uint64_t key, const char* kind, std::string what, uint64_t call_site,
           std::function<void()> undo, uint64_t group = 0);
void untrack(uint64_t key, const char* kind);
// Forgets every `kind` registration of `group` (a class's devices when the
// class goes).
void untrack_group(uint64_t group, const char* kind);
// A /proc, sysfs or debugfs node: alive while it is in the tree (removing a
// directory removes what is under it, so nobody needs to untrack), undone by
// removing it.
void track_node(const char* kind, vfs::Node* node, uint64_t call_site);

} // namespace ksim::api
