#pragma once
// One entry of the simulated file tree (/dev, /proc, /sys): a directory, a
// char device node, a symlink, or a pseudo file whose contents come from a
// module's file_operations, a /proc entry's proc_ops, or C++ callbacks (sysfs
// attributes, ksim's built-in files). Each node keeps its struct inode for as
// long as it exists, as a cached dentry keeps its inode in Linux.

#include "support/error_or.h"
#include "vfs/fs_abi.h"

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace ksim::vfs {

enum class NodeKind { Directory, CharDevice, File, Symlink };

// A file whose whole contents a C++ function produces on open, and whose
// writes a C++ function consumes (sysfs's show/store model, one page each).
struct Callbacks {
    std::function<ErrorOr<std::string>()> show;             // null: not readable
    std::function<ErrorOr<size_t>(std::string_view)> store; // null: not writable
    // A /proc file (proc_ops semantics): opening is governed by the mode
    // bits alone, and a missing show/store makes read/write fail with -EIO
    // (fs/proc/inode.c pde_read/pde_write) instead of refusing the open as
    // kernfs does for sysfs.
    bool proc = false;
};

class Node {
  public:
    Node(std::string name, NodeKind kind, unsigned short perm);

    const std::string& name() const { return m_name; }
    NodeKind kind() const { return m_kind; }
    struct inode& inode() {
        return *m_inode;
    }
    unsigned short perm() const { return m_inode->i_mode & 07777; }
    void set_perm(unsigned short perm);
    Node* parent() const { return m_parent; }

    // Children of a directory, by name (sorted, as ls sorts).
    std::map<std::string, std::shared_ptr<Node>>& children() { return m_children; }

    // Backing of a File node; at most one is set.
    const file_operations* fops = nullptr;
    const proc_ops* pops = nullptr;
    Callbacks callbacks;
    // The module whose code backs a proc entry (its THIS_MODULE is not in
    // proc_ops, so the owner is taken from the module that created it).
    struct module* owner = nullptr;
    std::string link_target;
    // procfs: pde_data(), and the show/iterator of proc_create_single/_seq.
    void* data = nullptr;
    int (*single_show)(struct seq_file*, void*) = nullptr;
    const seq_operations* seq_ops = nullptr;
    // Set when the node leaves the tree: /proc calls on files still open then
    // fail with -EIO, as after proc_entry_rundown().
    std::atomic<bool> removed{false};

  private:
    friend class Tree;
    std::string m_name;
    NodeKind m_kind;
    std::unique_ptr<struct inode> m_inode;
    Node* m_parent = nullptr;
    std::map<std::string, std::shared_ptr<Node>> m_children;
};

} // namespace ksim::vfs
