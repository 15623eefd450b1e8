// Path lookup and the shape of the simulated tree (see tree.h).
#include "vfs/tree.h"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

namespace ksim::vfs {

namespace {
unsigned short type_bits(NodeKind kind) {
    switch (kind) {
    case NodeKind::Directory:
        return S_IFDIR;
    case NodeKind::CharDevice:
        return S_IFCHR;
    case NodeKind::Symlink:
        return S_IFLNK;
    case NodeKind::File:
        break;
    }
    return S_IFREG;
}
} // namespace

Node::Node(std::string name, NodeKind kind, unsigned short perm)
    : m_name(std::move(name)), m_kind(kind), m_inode(std::make_unique<struct inode>()) {
    std::memset(m_inode.get(), 0, sizeof(struct inode));
    m_inode->i_mode = static_cast<unsigned short>(type_bits(kind) | (perm & 07777));
    m_inode->ksim_private = this;
}

void Node::set_perm(unsigned short perm) {
    m_inode->i_mode = static_cast<unsigned short>((m_inode->i_mode & S_IFMT) | (perm & 07777));
}

std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> parts;
    size_t i = 0;
    while (i < path.size()) {
        size_t j = path.find('/', i);
        if (j == std::string_view::npos)
            j = path.size();
        std::string_view part = path.substr(i, j - i);
        if (part == "..") {
            if (!parts.empty())
                parts.pop_back();
        } else if (!part.empty() && part != ".") {
            parts.emplace_back(part);
        }
        i = j + 1;
    }
    return parts;
}

namespace {
void mark_removed(Node& node) {
    node.removed = true;
    for (auto& [name, child] : node.children())
        mark_removed(*child);
}
} // namespace

Tree::Tree() : m_root(std::make_shared<Node>("", NodeKind::Directory, 0755)) {
    m_root->inode().i_ino = m_next_ino++;
}

ErrorOr<std::shared_ptr<Node>> Tree::lookup(std::string_view path) {
    std::lock_guard guard(m_lock);
    return lookup_locked(path, 0);
}

ErrorOr<std::shared_ptr<Node>> Tree::lookup_locked(std::string_view path, int depth) {
    if (depth > 8)
        return Error::from_errno(ELOOP, "Too many levels of symbolic links");
    std::shared_ptr<Node> node = m_root;
    auto parts = split_path(path);
    for (size_t i = 0; i < parts.size(); ++i) {
        if (node->kind() == NodeKind::Symlink) {
            auto target = lookup_locked(node->link_target, depth + 1);
            if (target.is_error())
                return target;
            node = target.value();
        }
        if (node->kind() != NodeKind::Directory)
            return Error::from_errno(ENOTDIR, "Not a directory");
        auto it = node->children().find(parts[i]);
        if (it == node->children().end())
            return Error::from_errno(ENOENT, "No such file or directory");
        node = it->second;
    }
    return node;
}

ErrorOr<std::shared_ptr<Node>> Tree::create(std::string_view path, NodeKind kind,
                                            unsigned short perm) {
    std::lock_guard guard(m_lock);
    auto parts = split_path(path);
    if (parts.empty())
        return Error::from_errno(EEXIST, "File exists");
    std::string parent_path;
    for (size_t i = 0; i + 1 < parts.size(); ++i)
        parent_path += "/" + parts[i];
    auto parent = KSIM_TRY(lookup_locked(parent_path, 0));
    if (parent->kind() != NodeKind::Directory)
        return Error::from_errno(ENOTDIR, "Not a directory");
    if (parent->children().contains(parts.back()))
        return Error::from_errno(EEXIST, "File exists");
    auto node = std::make_shared<Node>(parts.back(), kind, perm);
    node->m_parent = parent.get();
    node->inode().i_ino = m_next_ino++;
    parent->children()[parts.back()] = node;
    return node;
}

ErrorOr<std::shared_ptr<Node>> Tree::create_dirs(std::string_view path, unsigned short perm) {
    std::lock_guard guard(m_lock);
    std::string sofar;
    std::shared_ptr<Node> node = m_root;
    for (auto& part : split_path(path)) {
        sofar += "/" + part;
        auto existing = lookup_locked(sofar, 0);
        if (!existing.is_error()) {
            node = existing.value();
            continue;
        }
        node = KSIM_TRY(create(sofar, NodeKind::Directory, perm));
    }
    return node;
}

ErrorOr<void> Tree::remove(std::string_view path, bool recursive) {
    std::lock_guard guard(m_lock);
    auto node = KSIM_TRY(lookup_locked(path, 0));
    if (node == m_root)
        return Error::from_errno(EBUSY, "Device or resource busy");
    if (!recursive && !node->children().empty())
        return Error::from_errno(ENOTEMPTY, "Directory not empty");
    remove_node(*node);
    return {};
}

void Tree::remove_node(Node& node) {
    std::lock_guard guard(m_lock);
    Node* parent = node.m_parent;
    if (parent == nullptr)
        return;
    node.m_parent = nullptr;
    mark_removed(node);
    parent->children().erase(node.name()); // may destroy `node`
}

ErrorOr<std::vector<std::string>> Tree::list(std::string_view path) {
    std::lock_guard guard(m_lock);
    auto node = KSIM_TRY(lookup_locked(path, 0));
    if (node->kind() == NodeKind::Symlink)
        node = KSIM_TRY(lookup_locked(node->link_target, 1));
    if (node->kind() != NodeKind::Directory)
        return Error::from_errno(ENOTDIR, "Not a directory");
    std::vector<std::string> names;
    for (auto& [name, child] : node->children())
        names.push_back(name);
    return names;
}

std::string Tree::path_of(const Node& node) {
    std::lock_guard guard(m_lock);
    std::string path;
    for (const Node* n = &node; n != nullptr && n->m_parent != nullptr; n = n->m_parent)
        path = "/" + n->name() + path;
    return path.empty() ? "/" : path;
}

} // namespace ksim::vfs
