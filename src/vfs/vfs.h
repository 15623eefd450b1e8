#pragma once
// The simulated VFS: the file tree plus open files, with the system-call
// side of Linux's fs/open.c and fs/read_write.c (permission checks, f_pos,
// the defaults for NULL file_operations members) and the dispatch into
// module code. ksim's shell, the CLI and the FUSE mount all use this API.
//
// Lock order: m_files_lock, then Tree's lock, then ChrdevTable's lock. No
// lock is held while module code runs.

#include "support/error_or.h"
#include "vfs/chrdev_table.h"
#include "vfs/device_registry.h"
#include "vfs/tree.h"
#include "vfs/user_memory.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace ksim {
class Kernel;
}

namespace ksim::vfs {

class OpenFile;

// Who makes a call: root bypasses mode bits (CAP_DAC_OVERRIDE) where Linux
// lets it.
struct Credentials {
    unsigned uid = 0;
    unsigned gid = 0;
};

struct StatInfo {
    NodeKind kind;
    unsigned short mode; // S_IF* | permission bits
    unsigned rdev;
    unsigned long ino;
    long long size;
    std::string link_target;
};

using Handle = int;

class Vfs {
  public:
    explicit Vfs(Kernel& kernel);
    ~Vfs();
    Vfs(const Vfs&) = delete;
    Vfs& operator=(const Vfs&) = delete;

    Kernel& kernel() { return m_kernel; }
    Tree& tree() { return m_tree; }
    ChrdevTable& chrdevs() { return m_chrdevs; }
    UserMemory& user_memory() { return m_user; }
    DeviceRegistry& devices() { return m_devices; }

    // System calls. `flags` are the host's O_* values (which are Linux's).
    ErrorOr<Handle> open(std::string_view path, int flags, Credentials cred = {});
    ErrorOr<std::string> read(Handle h, size_t count);
    ErrorOr<size_t> write(Handle h, std::string_view data);
    ErrorOr<long long> lseek(Handle h, long long offset, int whence);
    // ioctl with a plain argument (the module sees it as is).
    ErrorOr<long> ioctl(Handle h, unsigned cmd, unsigned long arg);
    // ioctl whose argument points at `buffer` in user memory; the buffer is
    // copied in before the call and back out after it (for _IOR/_IOW/_IOWR).
    ErrorOr<long> ioctl_buffer(Handle h, unsigned cmd, std::vector<uint8_t>& buffer);
    // Readiness of the file; with `on_wake`, the driver's wait queues call
    // it when they are woken (see PollRegistration).
    ErrorOr<unsigned> poll(Handle h, std::function<void()> on_wake = {});
    ErrorOr<void> close(Handle h);

    // Conveniences over the calls above.
    ErrorOr<std::string> read_all(std::string_view path, Credentials cred = {});
    ErrorOr<void> write_all(std::string_view path, std::string_view data, bool append,
                            Credentials cred = {});
    ErrorOr<std::vector<std::string>> list(std::string_view dir);
    ErrorOr<void> mknod(std::string_view path, unsigned major, unsigned minor,
                        unsigned short perm = 0600);
    ErrorOr<StatInfo> stat(std::string_view path);

    // Closes every open file (kernel shutdown, before modules go).
    void close_all();

    // Number of files open on nodes backed by `owner`'s code (for rmmod).
    size_t open_count();

  private:
    // A path's node: from the tree, or for /sys/module/<m>/... a node made
    // on demand from the module registry (module_info_files.h), as sysfs
    // would show the module's kobject.
    ErrorOr<std::shared_ptr<Node>> lookup(std::string_view path);
    void add_kernel_files();
    ErrorOr<std::shared_ptr<OpenFile>> file_of(Handle h);

    Kernel& m_kernel;
    Tree m_tree;
    ChrdevTable m_chrdevs;
    UserMemory m_user;
    DeviceRegistry m_devices{*this};
    // The kobject of /sys/kernel that the exported kernel_kobj points to.
    struct kobject m_kernel_kobj {};
    std::mutex m_files_lock;
    std::map<Handle, std::shared_ptr<OpenFile>> m_files;
    Handle m_next_handle = 3;
};

} // namespace ksim::vfs
