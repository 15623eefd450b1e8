// Recording module registrations in the kernel's ResourceLedger; see
// registrations.h.
#include "api/registrations.h"

#include "kernel/kernel.h"
#include "vfs/node.h"
#include "vfs/vfs.h"

#include <memory>

namespace ksim::api {

namespace {
ResourceLedger& ledger() {
    return Kernel::active().api().resources;
}
} // namespace

void track(uint64_t key, const char* kind, std::string what, uint64_t call_site,
           std::function<void()> undo, uint64_t group) {
    Registration r;
    r.kind = kind;
    r.what = std::move(what);
    r.call_site = call_site;
    r.undo = std::move(undo);
    r.group = group;
    ledger().record(key, std::move(r));
}

void untrack(uint64_t key, const char* kind) {
    ledger().forget(key, kind);
}

void untrack_group(uint64_t group, const char* kind) {
    ledger().forget_group(group, kind);
}

void track_node(const char* kind, vfs::Node* node, uint64_t call_site) {
    if (node == nullptr)
        return;
    vfs::Tree& tree = Kernel::active().vfs().tree();
    std::string path = tree.path_of(*node);
    auto found = tree.lookup(path);
    if (found.is_error())
        return;
    std::weak_ptr<vfs::Node> weak = found.value();
    Registration r;
    r.kind = kind;
    r.what = path;
    r.path = path;
    r.call_site = call_site;
    r.alive = [weak] {
        auto n = weak.lock();
        return n && !n->removed.load();
    };
    r.undo = [weak] {
        if (auto n = weak.lock(); n && !n->removed.load())
            Kernel::active().vfs().tree().remove_node(*n);
    };
    // Tree nodes are never untracked: the key only has to be unique.
    ledger().record(reinterpret_cast<uintptr_t>(node), std::move(r));
}

} // namespace ksim::api
