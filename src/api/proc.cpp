// procfs entries created by modules (fs/proc/generic.c proc_create*,
// proc_mkdir, remove_proc_entry, proc_remove, proc_set_size/user, pde_data;
// fs/proc/generic.c proc_create_seq/single with their seq_file glue).
#include "api/alloc.h"
#include "api/export.h"
#include "api/registrations.h"
#include "kernel/kernel.h"
#include "vfs/vfs.h"

#include <fmt/format.h>

#include <cstring>

using ksim::vfs::Node;
using ksim::vfs::NodeKind;

extern "C" {
int seq_open(struct file* file, const struct seq_operations* op);
long seq_read(struct file* file, char* ubuf, unsigned long size, long long* ppos);
long long seq_lseek(struct file* file, long long offset, int whence);
int seq_release(struct inode*, struct file* file);
int single_open(struct file* file, int (*show)(struct seq_file*, void*), void* data);
int single_release(struct inode* inode, struct file* file);
}

namespace {

ksim::vfs::Vfs& vfs() {
    return ksim::Kernel::active().vfs();
}
Node* node_of(const struct inode* inode) {
    return static_cast<Node*>(inode->ksim_private);
}
Node* node_of(proc_dir_entry* pde) {
    return reinterpret_cast<Node*>(pde);
}
proc_dir_entry* pde_of(Node* node) {
    return reinterpret_cast<proc_dir_entry*>(node);
}

int proc_single_open(struct inode* inode, struct file* file) {
    Node* n = node_of(inode);
    return single_open(file, n->single_show, n->data);
}

int proc_seq_open(struct inode* inode, struct file* file) {
    Node* n = node_of(inode);
    int err = seq_open(file, n->seq_ops);
    if (err == 0)
        static_cast<seq_file*>(file->private_data)->seq_private = n->data;
    return err;
}

constexpr proc_ops single_ops = [] {
    proc_ops o{};
    o.proc_open = proc_single_open;
    o.proc_read = seq_read;
    o.proc_lseek = seq_lseek;
    o.proc_release = single_release;
    return o;
}();

constexpr proc_ops seq_ops_glue = [] {
    proc_ops o{};
    o.proc_open = proc_seq_open;
    o.proc_read = seq_read;
    o.proc_lseek = seq_lseek;
    o.proc_release = seq_release;
    return o;
}();

std::string path_under(proc_dir_entry* parent, const char* name) {
    std::string base = parent ? vfs().tree().path_of(*node_of(parent)) : "/proc";
    return base + "/" + name;
}

// fs/proc/generic.c proc_register(): a duplicate is refused with a warning
// and NULL.
Node* create(proc_dir_entry* parent, const char* name, NodeKind kind, unsigned short mode) {
    std::string path = path_under(parent, name);
    auto node = vfs().tree().create(path, kind, mode);
    if (node.is_error()) {
        if (node.error().code == EEXIST) {
            std::string dir = parent ? vfs().tree().path_of(*node_of(parent)).substr(1) : "proc";
            ksim::Kernel::active().log().emit(
                4, fmt::format("proc_dir_entry '{}/{}' already registered\n", dir, name));
        }
        return nullptr;
    }
    return node.value().get();
}

// S_IALLUGO unset: a file defaults to S_IRUGO (0444).
unsigned short file_mode(unsigned short mode) {
    return (mode & 07777) ? (mode & 07777) : 0444;
}

proc_dir_entry* create_data(const char* name, unsigned short mode, proc_dir_entry* parent,
                            const struct proc_ops* ops, void* data) {
    Node* n = create(parent, name, NodeKind::File, file_mode(mode));
    if (n == nullptr)
        return nullptr;
    n->pops = ops;
    n->data = data;
    return pde_of(n);
}

proc_dir_entry* mkdir_data(const char* name, unsigned short mode, proc_dir_entry* parent,
                           void* data) {
    // S_IRUGO | S_IXUGO when no mode is given.
    Node* n = create(parent, name, NodeKind::Directory, (mode & 07777) ? mode : 0555);
    if (n != nullptr)
        n->data = data;
    return n ? pde_of(n) : nullptr;
}

// The module must remove what it creates (remove_proc_entry, proc_remove).
proc_dir_entry* tracked(proc_dir_entry* de, uint64_t call_site) {
    if (de != nullptr)
        ksim::api::track_node("/proc entry", node_of(de), call_site);
    return de;
}

} // namespace

extern "C" {

proc_dir_entry* proc_create_data(const char* name, unsigned short mode, proc_dir_entry* parent,
                                 const struct proc_ops* ops, void* data) {
    return tracked(create_data(name, mode, parent, ops, data), KSIM_CALL_SITE());
}

proc_dir_entry* proc_create(const char* name, unsigned short mode, proc_dir_entry* parent,
                            const struct proc_ops* ops) {
    return tracked(create_data(name, mode, parent, ops, nullptr), KSIM_CALL_SITE());
}

proc_dir_entry* proc_create_seq_private(const char* name, unsigned short mode,
                                        proc_dir_entry* parent, const struct seq_operations* ops,
                                        unsigned int /*state_size*/, void* data) {
    Node* n = create(parent, name, NodeKind::File, file_mode(mode));
    if (n == nullptr)
        return nullptr;
    n->pops = &seq_ops_glue;
    n->seq_ops = ops;
    n->data = data;
    return tracked(pde_of(n), KSIM_CALL_SITE());
}

proc_dir_entry* proc_create_single_data(const char* name, unsigned short mode,
                                        proc_dir_entry* parent,
                                        int (*show)(struct seq_file*, void*), void* data) {
    Node* n = create(parent, name, NodeKind::File, file_mode(mode));
    if (n == nullptr)
        return nullptr;
    n->pops = &single_ops;
    n->single_show = show;
    n->data = data;
    return tracked(pde_of(n), KSIM_CALL_SITE());
}

proc_dir_entry* proc_mkdir_data(const char* name, unsigned short mode, proc_dir_entry* parent,
                                void* data) {
    return tracked(mkdir_data(name, mode, parent, data), KSIM_CALL_SITE());
}

proc_dir_entry* proc_mkdir_mode(const char* name, unsigned short mode, proc_dir_entry* parent) {
    return tracked(mkdir_data(name, mode, parent, nullptr), KSIM_CALL_SITE());
}

proc_dir_entry* proc_mkdir(const char* name, proc_dir_entry* parent) {
    return tracked(mkdir_data(name, 0, parent, nullptr), KSIM_CALL_SITE());
}

void remove_proc_entry(const char* name, proc_dir_entry* parent) {
    std::string path = path_under(parent, name);
    auto node = vfs().tree().lookup(path);
    if (node.is_error()) {
        // fs/proc/generic.c remove_proc_entry(): WARN(1, "name '%s'") (the
        // WARN's register dump and backtrace are not reproduced).
        ksim::Kernel::active().log().emit(4, fmt::format("name '{}'\n", name));
        return;
    }
    vfs().tree().remove_node(*node.value());
}

void proc_remove(proc_dir_entry* de) {
    if (de != nullptr)
        vfs().tree().remove_node(*node_of(de));
}

int remove_proc_subtree(const char* name, proc_dir_entry* parent) {
    auto node = vfs().tree().lookup(path_under(parent, name));
    if (node.is_error())
        return -ENOENT;
    vfs().tree().remove_node(*node.value());
    return 0;
}

void proc_set_size(proc_dir_entry* de, long long size) {
    node_of(de)->inode().i_size = size;
}

void proc_set_user(proc_dir_entry* de, unsigned uid, unsigned gid) {
    node_of(de)->inode().i_uid = uid;
    node_of(de)->inode().i_gid = gid;
}

void* pde_data(const struct inode* inode) {
    return node_of(inode)->data;
}

} // extern "C"

EXPORT_SYMBOL_KSIM(proc_create_data)
EXPORT_SYMBOL_KSIM(proc_create)
EXPORT_SYMBOL_KSIM(proc_create_seq_private)
EXPORT_SYMBOL_KSIM(proc_create_single_data)
EXPORT_SYMBOL_KSIM(proc_mkdir_data)
EXPORT_SYMBOL_KSIM(proc_mkdir_mode)
EXPORT_SYMBOL_KSIM(proc_mkdir)
EXPORT_SYMBOL_KSIM(remove_proc_entry)
EXPORT_SYMBOL_KSIM(proc_remove)
EXPORT_SYMBOL_KSIM(remove_proc_subtree)
EXPORT_SYMBOL_KSIM(proc_set_size)
EXPORT_SYMBOL_KSIM(proc_set_user)
EXPORT_SYMBOL_KSIM(pde_data)
