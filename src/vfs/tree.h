#pragma once
// The simulated file tree: path lookup, creation and removal of nodes.
// Lock: one mutex guards the shape of the tree; nodes are shared_ptr so an
// open file keeps its node alive after it is removed (as an unlinked inode
// stays alive while open).

#include "vfs/node.h"

#include <mutex>
#include <vector>

namespace ksim::vfs {

class Tree {
  public:
    Tree();

    // The node at an absolute path, following no symlinks except in
    // intermediate components.
    ErrorOr<std::shared_ptr<Node>> lookup(std::string_view path);

    // Creates a node; its parent directory must exist. -EEXIST if the name
    // is taken.
    ErrorOr<std::shared_ptr<Node>> create(std::string_view path, NodeKind kind,
                                          unsigned short perm);
    // Creates every missing directory of `path` (mkdir -p).
    ErrorOr<std::shared_ptr<Node>> create_dirs(std::string_view path, unsigned short perm);

    // Removes a node; with `recursive` false a non-empty directory is
    // refused with -ENOTEMPTY.
    ErrorOr<void> remove(std::string_view path, bool recursive);
    void remove_node(Node& node);

    // Names in a directory, sorted.
    ErrorOr<std::vector<std::string>> list(std::string_view path);

    // The absolute path of a node still in the tree.
    std::string path_of(const Node& node);

  private:
    ErrorOr<std::shared_ptr<Node>> lookup_locked(std::string_view path, int depth);
    std::recursive_mutex m_lock;
    std::shared_ptr<Node> m_root;
    unsigned long m_next_ino = 1;
};

// Splits "/a/b/c" into {"a","b","c"}, dropping empty and "." components.
std::vector<std::string> split_path(std::string_view path);

} // namespace ksim::vfs
