// debugfs (fs/debugfs/inode.c, file.c) under /sys/kernel/debug: directories,
// files backed by a module's file_operations with i_private = data, and the
// typed value files (u8/u16/u32/u64, x8..x64, bool) with their formats.
// fs/libfs.c simple_open() lives here too: debugfs drivers are its users.
#include "api/alloc.h"
#include "api/export.h"
#include "api/registrations.h"
#include "kernel/kernel.h"
#include "vfs/vfs.h"

#include <fmt/format.h>

#include <cstdlib>
#include <cstring>

using ksim::vfs::Node;
using ksim::vfs::NodeKind;

struct dentry;

namespace {

ksim::vfs::Tree& tree() {
    return ksim::Kernel::active().vfs().tree();
}
Node* node_of(dentry* d) {
    return reinterpret_cast<Node*>(d);
}
dentry* dentry_of(Node* n) {
    return reinterpret_cast<dentry*>(n);
}
dentry* err_dentry(int error) {
    return reinterpret_cast<dentry*>(static_cast<long>(error));
}
bool is_err(const void* p) {
    return reinterpret_cast<unsigned long>(p) >= -4095UL;
}

std::string path_under(dentry* parent, const char* name) {
    std::string base = parent && !is_err(parent) ? tree().path_of(*node_of(parent))
                                                 : std::string("/sys/kernel/debug");
    return base + "/" + name;
}

// debugfs_create_file and the typed files return ERR_PTR on failure
// (-EEXIST for a duplicate), as 6.1 does.
Node* create(dentry* parent, const char* name, NodeKind kind, unsigned short mode, int* error) {
    auto n = tree().create(path_under(parent, name), kind, mode);
    if (n.is_error()) {
        *error = -n.error().code;
        return nullptr;
    }
    return n.value().get();
}

template <typename T>
dentry* create_value(const char* name, unsigned short mode, dentry* parent, T* value, bool hex) {
    int error = 0;
    Node* n = create(parent, name, NodeKind::File, mode & 07777, &error);
    if (n == nullptr)
        return err_dentry(error);
    n->callbacks.show = [value, hex]() -> ksim::ErrorOr<std::string> {
        unsigned long long v = *value;
        if (hex)
            return fmt::format("0x{:0{}x}\n", v, sizeof(T) * 2);
        return fmt::format("{}\n", v);
    };
    if (mode & 0222) {
        n->callbacks.store = [value](std::string_view data) -> ksim::ErrorOr<size_t> {
            // simple_attr_write(): kstrtoull with base 0.
            std::string s(data);
            char* end = nullptr;
            errno = 0;
            unsigned long long v = std::strtoull(s.c_str(), &end, 0);
            if (end == s.c_str() || errno != 0 || (*end != '\0' && *end != '\n'))
                return ksim::Error::from_errno(EINVAL, {});
            *value = static_cast<T>(v);
            return data.size();
        };
    }
    return dentry_of(n);
}

constexpr const char* kDebugfs = "debugfs entry";

void track(dentry* d, uint64_t call_site) {
    if (d != nullptr && !is_err(d))
        ksim::api::track_node(kDebugfs, node_of(d), call_site);
}

} // namespace

extern "C" {

dentry* debugfs_create_dir(const char* name, dentry* parent) {
    int error = 0;
    Node* n = create(parent, name, NodeKind::Directory, 0755, &error);
    ksim::api::track_node(kDebugfs, n, KSIM_CALL_SITE());
    return n ? dentry_of(n) : err_dentry(error);
}

dentry* debugfs_create_file(const char* name, unsigned short mode, dentry* parent, void* data,
                            const struct file_operations* fops) {
    int error = 0;
    // A mode without a file type is a regular file; no permission bits
    // default to 0444 as debugfs does for S_IFREG only.
    Node* n = create(parent, name, NodeKind::File, (mode & 07777) ? (mode & 07777) : 0444, &error);
    if (n == nullptr)
        return err_dentry(error);
    n->inode().i_private = data;
    static const file_operations empty{};
    n->fops = fops ? fops : &empty;
    ksim::api::track_node(kDebugfs, n, KSIM_CALL_SITE());
    return dentry_of(n);
}

void debugfs_create_u8(const char* name, unsigned short mode, dentry* parent, uint8_t* value) {
    track(create_value(name, mode, parent, value, false), KSIM_CALL_SITE());
}
void debugfs_create_u16(const char* name, unsigned short mode, dentry* parent, uint16_t* value) {
    track(create_value(name, mode, parent, value, false), KSIM_CALL_SITE());
}
void debugfs_create_u32(const char* name, unsigned short mode, dentry* parent, uint32_t* value) {
    track(create_value(name, mode, parent, value, false), KSIM_CALL_SITE());
}
void debugfs_create_u64(const char* name, unsigned short mode, dentry* parent, uint64_t* value) {
    track(create_value(name, mode, parent, value, false), KSIM_CALL_SITE());
}
void debugfs_create_x8(const char* name, unsigned short mode, dentry* parent, uint8_t* value) {
    track(create_value(name, mode, parent, value, true), KSIM_CALL_SITE());
}
void debugfs_create_x16(const char* name, unsigned short mode, dentry* parent, uint16_t* value) {
    track(create_value(name, mode, parent, value, true), KSIM_CALL_SITE());
}
void debugfs_create_x32(const char* name, unsigned short mode, dentry* parent, uint32_t* value) {
    track(create_value(name, mode, parent, value, true), KSIM_CALL_SITE());
}
void debugfs_create_x64(const char* name, unsigned short mode, dentry* parent, uint64_t* value) {
    track(create_value(name, mode, parent, value, true), KSIM_CALL_SITE());
}

// fs/debugfs/file.c debugfs_read_file_bool/write_file_bool: "Y\n" or "N\n";
// writes accept what kstrtobool accepts.
void debugfs_create_bool(const char* name, unsigned short mode, dentry* parent, bool* value) {
    int error = 0;
    Node* n = create(parent, name, NodeKind::File, mode & 07777, &error);
    if (n == nullptr)
        return;
    ksim::api::track_node(kDebugfs, n, KSIM_CALL_SITE());
    n->callbacks.show = [value]() -> ksim::ErrorOr<std::string> {
        return std::string(*value ? "Y\n" : "N\n");
    };
    if (mode & 0222) {
        n->callbacks.store = [value](std::string_view data) -> ksim::ErrorOr<size_t> {
            if (data.empty())
                return ksim::Error::from_errno(EINVAL, {});
            char c = data[0];
            char c2 = data.size() > 1 ? data[1] : '\0';
            if (c == 'y' || c == 'Y' || c == '1' ||
                ((c == 'o' || c == 'O') && (c2 == 'n' || c2 == 'N')))
                *value = true;
            else if (c == 'n' || c == 'N' || c == '0' ||
                     ((c == 'o' || c == 'O') && (c2 == 'f' || c2 == 'F')))
                *value = false;
            else
                return ksim::Error::from_errno(EINVAL, {});
            return data.size();
        };
    }
}

void debugfs_remove(dentry* d) {
    if (d == nullptr || is_err(d))
        return;
    tree().remove_node(*node_of(d));
}

int simple_open(struct inode* inode, struct file* file) {
    if (inode->i_private)
        file->private_data = inode->i_private;
    return 0;
}

} // extern "C"

EXPORT_SYMBOL_GPL_KSIM(debugfs_create_dir)
EXPORT_SYMBOL_GPL_KSIM(debugfs_create_file)
EXPORT_SYMBOL_GPL_KSIM(debugfs_create_u8)
EXPORT_SYMBOL_GPL_KSIM(debugfs_create_u16)
EXPORT_SYMBOL_GPL_KSIM(debugfs_create_u32)
EXPORT_SYMBOL_GPL_KSIM(debugfs_create_u64)
EXPORT_SYMBOL_GPL_KSIM(debugfs_create_x8)
EXPORT_SYMBOL_GPL_KSIM(debugfs_create_x16)
EXPORT_SYMBOL_GPL_KSIM(debugfs_create_x32)
EXPORT_SYMBOL_GPL_KSIM(debugfs_create_x64)
EXPORT_SYMBOL_GPL_KSIM(debugfs_create_bool)
EXPORT_SYMBOL_GPL_KSIM(debugfs_remove)
EXPORT_SYMBOL_KSIM(simple_open)
