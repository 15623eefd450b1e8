// The system-call side of the simulated VFS: handles, permission checks and
// user buffers around OpenFile's dispatch (see vfs.h).
#include "vfs/vfs.h"

#include "kernel/kernel.h"
#include "kernel/module_info_files.h"
#include "kernel/taint.h"
#include "vfs/open_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <fcntl.h>
#include <sys/stat.h>

extern "C" void ksim_sysfs_bind_kernel_kobj(struct kobject* kobj);

namespace ksim::vfs {

namespace {
// fs/namei.c generic_permission() for the owner/other classes: root passes
// read and write checks (CAP_DAC_OVERRIDE).
bool permits(const struct inode& ino, const Credentials& cred, unsigned want) {
    if (cred.uid == 0)
        return true;
    unsigned mode = ino.i_mode;
    if (cred.uid == ino.i_uid)
        mode >>= 6;
    else if (cred.gid == ino.i_gid)
        mode >>= 3;
    return (mode & want) == want;
}
} // namespace

Vfs::Vfs(Kernel& kernel) : m_kernel(kernel) {
    for (const char* dir : {"/dev", "/proc", "/sys", "/sys/kernel", "/sys/kernel/debug",
                            "/sys/class", "/sys/module", "/sys/devices", "/sys/devices/virtual"})
        (void)m_tree.create_dirs(dir, 0755);
    if (auto kernel_dir = m_tree.lookup("/sys/kernel"); !kernel_dir.is_error()) {
        m_kernel_kobj.name = "kernel";
        m_kernel_kobj.sd = kernel_dir.value().get();
        m_kernel_kobj.ksim_kref = 1;
        m_kernel_kobj.state_initialized = 1;
        m_kernel_kobj.state_in_sysfs = 1;
        ksim_sysfs_bind_kernel_kobj(&m_kernel_kobj);
    }
    auto proc_devices = m_tree.create("/proc/devices", NodeKind::File, 0444);
    if (!proc_devices.is_error()) {
        // fs/proc/devices.c devinfo_show(): the char list, a blank line, then
        // the block list (only blkext here, as in the reference guest).
        proc_devices.value()->callbacks.proc = true;
        proc_devices.value()->callbacks.show = [this]() -> ErrorOr<std::string> {
            return m_chrdevs.proc_devices_chr() + "\nBlock devices:\n259 blkext\n";
        };
    }
    add_kernel_files();
}

// The kernel's own files about modules and taint (kernel/module/procfs.c,
// kernel/sysctl.c): content made at each open from the kernel's state.
void Vfs::add_kernel_files() {
    if (auto modules = m_tree.create("/proc/modules", NodeKind::File, 0444); !modules.is_error()) {
        modules.value()->callbacks.proc = true;
        modules.value()->callbacks.show = [this]() -> ErrorOr<std::string> {
            return format_proc_modules(m_kernel);
        };
    }
    (void)m_tree.create_dirs("/proc/sys/kernel", 0555);
    if (auto tainted = m_tree.create("/proc/sys/kernel/tainted", NodeKind::File, 0644);
        !tainted.is_error()) {
        tainted.value()->callbacks.proc = true;
        tainted.value()->callbacks.show = [this]() -> ErrorOr<std::string> {
            return fmt::format("{}\n", m_kernel.taint().mask());
        };
    }
}

ErrorOr<std::shared_ptr<Node>> Vfs::lookup(std::string_view path) {
    auto found = m_tree.lookup(path);
    if (!found.is_error() || found.error().code != ENOENT)
        return found;
    std::string full(path);
    if (!full.starts_with("/sys/module/"))
        return found;
    unsigned mode = KSIM_TRY(module_file_mode(m_kernel, full));
    std::string name = full.substr(full.find_last_of('/') + 1);
    bool dir = S_ISDIR(mode);
    auto node = std::make_shared<Node>(name, dir ? NodeKind::Directory : NodeKind::File,
                                       static_cast<unsigned short>(mode & 07777));
    if (!dir) {
        // sysfs_kf_seq_show()/param_attr_show(): the value at open time.
        node->callbacks.show = [this, full]() { return read_module_file(m_kernel, full); };
        if (mode & 0222)
            node->callbacks.store = [this, full](std::string_view data) -> ErrorOr<size_t> {
                KSIM_TRY_VOID(write_module_file(m_kernel, full, std::string(data)));
                return data.size();
            };
    }
    return node;
}

Vfs::~Vfs() {
    close_all();
}

void Vfs::close_all() {
    std::map<Handle, std::shared_ptr<OpenFile>> files;
    {
        std::lock_guard guard(m_files_lock);
        files.swap(m_files);
    }
    files.clear();
}

ErrorOr<Handle> Vfs::open(std::string_view path, int flags, Credentials cred) {
    auto node = KSIM_TRY(lookup(path));
    for (int depth = 0; node->kind() == NodeKind::Symlink; ++depth) {
        if (depth > 8)
            return Error::from_errno(ELOOP, "Too many levels of symbolic links");
        node = KSIM_TRY(m_tree.lookup(node->link_target));
    }
    int acc = flags & O_ACCMODE;
    bool may_read = acc == O_WRONLY || permits(node->inode(), cred, 4);
    bool may_write = acc == O_RDONLY || permits(node->inode(), cred, 2);
    auto file = std::make_shared<OpenFile>(*this, node);
    KSIM_TRY_VOID(file->open(flags, may_read, may_write));
    std::lock_guard guard(m_files_lock);
    Handle h = m_next_handle++;
    m_files[h] = std::move(file);
    return h;
}

ErrorOr<std::shared_ptr<OpenFile>> Vfs::file_of(Handle h) {
    std::lock_guard guard(m_files_lock);
    auto it = m_files.find(h);
    if (it == m_files.end())
        return Error::from_errno(EBADF, "Bad file descriptor");
    return it->second;
}

ErrorOr<std::string> Vfs::read(Handle h, size_t count) {
    auto file = KSIM_TRY(file_of(h));
    auto buffer = KSIM_TRY(m_user.allocate(count));
    long n = KSIM_TRY(file->read(buffer, count));
    size_t got = std::min(static_cast<size_t>(n), count);
    return std::string(reinterpret_cast<const char*>(buffer.bytes().data()), got);
}

ErrorOr<size_t> Vfs::write(Handle h, std::string_view data) {
    auto file = KSIM_TRY(file_of(h));
    auto buffer = KSIM_TRY(m_user.allocate(data.size()));
    std::copy(data.begin(), data.end(), buffer.bytes().begin());
    long n = KSIM_TRY(file->write(buffer, data.size()));
    return static_cast<size_t>(n);
}

ErrorOr<long long> Vfs::lseek(Handle h, long long offset, int whence) {
    auto file = KSIM_TRY(file_of(h));
    return file->llseek(offset, whence);
}

ErrorOr<long> Vfs::ioctl(Handle h, unsigned cmd, unsigned long arg) {
    auto file = KSIM_TRY(file_of(h));
    return file->ioctl(cmd, arg);
}

ErrorOr<long> Vfs::ioctl_buffer(Handle h, unsigned cmd, std::vector<uint8_t>& data) {
    auto file = KSIM_TRY(file_of(h));
    auto buffer = KSIM_TRY(m_user.allocate(data.size()));
    std::copy(data.begin(), data.end(), buffer.bytes().begin());
    auto r = file->ioctl(cmd, buffer.address());
    std::copy(buffer.bytes().begin(), buffer.bytes().end(), data.begin());
    return r;
}

ErrorOr<unsigned> Vfs::poll(Handle h, std::function<void()> on_wake) {
    auto file = KSIM_TRY(file_of(h));
    return file->poll(std::move(on_wake));
}

ErrorOr<void> Vfs::close(Handle h) {
    std::shared_ptr<OpenFile> file;
    {
        std::lock_guard guard(m_files_lock);
        auto it = m_files.find(h);
        if (it == m_files.end())
            return Error::from_errno(EBADF, "Bad file descriptor");
        file = std::move(it->second);
        m_files.erase(it);
    }
    return file->close();
}

ErrorOr<std::string> Vfs::read_all(std::string_view path, Credentials cred) {
    Handle h = KSIM_TRY(open(path, O_RDONLY, cred));
    std::string out;
    for (;;) {
        // cat's buffer size in busybox: reads until a read returns 0.
        auto chunk = read(h, 4096);
        if (chunk.is_error()) {
            (void)close(h);
            return chunk.release_error();
        }
        if (chunk.value().empty())
            break;
        out += chunk.value();
        if (out.size() > (64u << 20))
            break; // an endless device: stop where cat would be interrupted
    }
    KSIM_TRY_VOID(close(h));
    return out;
}

ErrorOr<void> Vfs::write_all(std::string_view path, std::string_view data, bool append,
                             Credentials cred) {
    int flags = O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC);
    Handle h = KSIM_TRY(open(path, flags, cred));
    size_t done = 0;
    while (done < data.size()) {
        auto n = write(h, data.substr(done));
        if (n.is_error()) {
            (void)close(h);
            return n.release_error();
        }
        if (n.value() == 0)
            break;
        done += n.value();
    }
    return close(h);
}

ErrorOr<std::vector<std::string>> Vfs::list(std::string_view dir) {
    auto names = m_tree.list(dir);
    std::string full(dir);
    while (full.size() > 1 && full.back() == '/')
        full.pop_back();
    if (full != "/sys/module" && !full.starts_with("/sys/module/"))
        return names;
    auto from_modules = list_module_dir(m_kernel, full);
    if (from_modules.is_error())
        return names;
    if (names.is_error())
        return from_modules;
    std::vector<std::string> merged = names.release_value();
    for (auto& n : from_modules.value())
        if (std::find(merged.begin(), merged.end(), n) == merged.end())
            merged.push_back(n);
    std::sort(merged.begin(), merged.end());
    return merged;
}

ErrorOr<void> Vfs::mknod(std::string_view path, unsigned major, unsigned minor,
                         unsigned short perm) {
    auto node = KSIM_TRY(m_tree.create(path, NodeKind::CharDevice, perm));
    node->inode().i_rdev = make_dev(major, minor);
    return {};
}

ErrorOr<StatInfo> Vfs::stat(std::string_view path) {
    auto node = KSIM_TRY(lookup(path));
    const struct inode& ino = node->inode();
    return StatInfo{node->kind(), ino.i_mode, ino.i_rdev, ino.i_ino, ino.i_size, node->link_target};
}

size_t Vfs::open_count() {
    std::lock_guard guard(m_files_lock);
    return m_files.size();
}

} // namespace ksim::vfs
