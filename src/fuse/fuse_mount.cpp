// The libfuse3 high-level bridge from host file system calls to vfs::Vfs
// (see fuse_mount.h). Requests are served by libfuse's multi-threaded loop;
// the Vfs does its own locking, so concurrent opens from several processes
// reach the module concurrently, as on Linux.
#define FUSE_USE_VERSION 35
#include "fuse/fuse_mount.h"

#include "kernel/kernel.h"
#include "kernel/task.h"
#include "vfs/vfs.h"

#include <fuse3/fuse.h>

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace ksim::fuse {

namespace {

FuseMount& mount_of_request() {
    return *static_cast<FuseMount*>(fuse_get_context()->private_data);
}

Kernel& kernel_of_request() {
    return mount_of_request().kernel();
}

// A process that has not exited (a zombie has: its files are closed).
bool process_runs(pid_t pid) {
    if (pid <= 0)
        return true; // not a process we can follow
    if (kill(pid, 0) != 0 && errno == ESRCH)
        return false;
    FILE* f = std::fopen(fmt::format("/proc/{}/stat", pid).c_str(), "r");
    if (f == nullptr)
        return false;
    char state = '?';
    // "pid (comm) S ...": the state follows the last ')'.
    char line[512];
    size_t n = std::fread(line, 1, sizeof line - 1, f);
    std::fclose(f);
    line[n] = '\0';
    if (const char* paren = std::strrchr(line, ')'); paren != nullptr && paren[1] == ' ')
        state = paren[2];
    return state != 'Z' && state != 'X';
}

// The host's name for a process (/proc/PID/comm), so Oopses and
// "comm" in reports name the real program, as Linux's current->comm does.
std::string host_comm(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/comm");
    std::string comm;
    std::getline(in, comm);
    return comm;
}

// The calling process becomes the current task for this request. A signal
// to that process arrives as a FUSE interrupt, which libfuse records for
// fuse_interrupted(): the task sees it as signal_pending().
vfs::Credentials enter_caller() {
    fuse_context* ctx = fuse_get_context();
    TaskTable& tasks = kernel_of_request().tasks();
    task_struct& task = tasks.current();
    if (task.pid != ctx->pid) {
        std::string comm = host_comm(ctx->pid);
        if (!comm.empty()) {
            std::memset(task.comm, 0, sizeof task.comm);
            std::strncpy(task.comm, comm.c_str(), sizeof task.comm - 1);
        }
    }
    task.pid = task.tgid = ctx->pid;
    tasks.begin_request([] { return fuse_interrupted() != 0; });
    return vfs::Credentials{ctx->uid, ctx->gid};
}

// What the caller's system call returns for an error: the kernel-internal
// restart codes of an interrupted sleep (include/linux/errno.h) become
// EINTR, as for a signal handler without SA_RESTART; the FUSE protocol
// refuses codes above 511.
int host_error(const Error& e) {
    int code = e.code;
    if (code == 512 || code == 513 || code == 514 || code == 516) // ERESTART*
        return -EINTR;
    if (code == 515) // ENOIOCTLCMD
        return -ENOTTY;
    return code >= 512 ? -EIO : -code;
}

// The reply to a failed request. When the module oopsed, Linux kills the
// task that made the system call (do_exit from the Oops path); the task here
// is a real host process, so it gets the same signal, and the FUSE reply it
// never reads says -EFAULT.
int reply_error(const Error& error) {
    pid_t caller = fuse_get_context()->pid;
    if (error.killed_by_signal != 0 && caller > 0 && caller != getpid())
        ::kill(caller, error.killed_by_signal);
    return host_error(error);
}

int fs_getattr(const char* path, struct stat* st, fuse_file_info*) {
    auto info = kernel_of_request().vfs().stat(path);
    if (info.is_error())
        return -info.error().code;
    std::memset(st, 0, sizeof *st);
    const auto& s = info.value();
    unsigned perm = s.mode & 07777;
    // Device nodes and attributes become regular files: their bytes come
    // from the module through this mount, never from a host device.
    st->st_mode = (s.kind == vfs::NodeKind::Directory ? S_IFDIR
                   : s.kind == vfs::NodeKind::Symlink ? S_IFLNK
                                                      : S_IFREG) |
                  perm;
    st->st_nlink = s.kind == vfs::NodeKind::Directory ? 2 : 1;
    st->st_ino = s.ino;
    st->st_size = s.kind == vfs::NodeKind::Symlink ? static_cast<off_t>(s.link_target.size()) : 0;
    return 0;
}

int fs_readlink(const char* path, char* buf, size_t size) {
    auto info = kernel_of_request().vfs().stat(path);
    if (info.is_error())
        return -info.error().code;
    std::strncpy(buf, info.value().link_target.c_str(), size);
    return 0;
}

int fs_readdir(const char* path, void* buf, fuse_fill_dir_t filler, off_t, fuse_file_info*,
               fuse_readdir_flags) {
    auto names = kernel_of_request().vfs().list(path);
    if (names.is_error())
        return -names.error().code;
    filler(buf, ".", nullptr, 0, static_cast<fuse_fill_dir_flags>(0));
    filler(buf, "..", nullptr, 0, static_cast<fuse_fill_dir_flags>(0));
    for (auto& n : names.value())
        filler(buf, n.c_str(), nullptr, 0, static_cast<fuse_fill_dir_flags>(0));
    return 0;
}

int fs_open(const char* path, fuse_file_info* fi) {
    vfs::Credentials cred = enter_caller();
    auto h = kernel_of_request().vfs().open(path, fi->flags, cred);
    if (h.is_error())
        return reply_error(h.error());
    fi->fh = static_cast<uint64_t>(h.value());
    mount_of_request().note_open(fi->fh, fuse_get_context()->pid);
    // Every read and write goes to the module, uncached, whatever the size.
    fi->direct_io = 1;
    fi->keep_cache = 0;
    return 0;
}

int fs_release(const char*, fuse_file_info* fi) {
    enter_caller();
    auto r = kernel_of_request().vfs().close(static_cast<vfs::Handle>(fi->fh));
    mount_of_request().note_release(fi->fh);
    return r.is_error() ? reply_error(r.error()) : 0;
}

// The host kernel tracks the position; seek the simulated file to it when
// it differs from where the last call left it.
void sync_position(vfs::Vfs& vfs, vfs::Handle h, off_t off) {
    auto cur = vfs.lseek(h, 0, SEEK_CUR);
    if (!cur.is_error() && cur.value() != off)
        (void)vfs.lseek(h, off, SEEK_SET);
}

int fs_read(const char*, char* buf, size_t size, off_t off, fuse_file_info* fi) {
    enter_caller();
    auto& vfs = kernel_of_request().vfs();
    auto h = static_cast<vfs::Handle>(fi->fh);
    sync_position(vfs, h, off);
    auto data = vfs.read(h, size);
    if (data.is_error())
        return reply_error(data.error());
    std::memcpy(buf, data.value().data(), data.value().size());
    return static_cast<int>(data.value().size());
}

int fs_write(const char*, const char* buf, size_t size, off_t off, fuse_file_info* fi) {
    enter_caller();
    auto& vfs = kernel_of_request().vfs();
    auto h = static_cast<vfs::Handle>(fi->fh);
    sync_position(vfs, h, off);
    auto n = vfs.write(h, std::string_view(buf, size));
    return n.is_error() ? reply_error(n.error()) : static_cast<int>(n.value());
}

// O_TRUNC on open arrives as a truncate: attributes and devices ignore it.
int fs_truncate(const char*, off_t, fuse_file_info*) {
    return 0;
}

int fs_ioctl(const char*, unsigned int cmd, void* arg, fuse_file_info* fi, unsigned int,
             void* data) {
    enter_caller();
    auto& vfs = kernel_of_request().vfs();
    auto h = static_cast<vfs::Handle>(fi->fh);
    size_t size = (cmd >> 16) & 0x3fff; // _IOC_SIZE
    ErrorOr<long> r = 0L;
    if (size > 0 && data != nullptr) {
        std::vector<uint8_t> buffer(static_cast<uint8_t*>(data),
                                    static_cast<uint8_t*>(data) + size);
        r = vfs.ioctl_buffer(h, cmd, buffer);
        std::memcpy(data, buffer.data(), size);
    } else {
        r = vfs.ioctl(h, cmd, reinterpret_cast<unsigned long>(arg));
    }
    return r.is_error() ? reply_error(r.error()) : static_cast<int>(r.value());
}

int fs_poll(const char*, fuse_file_info* fi, fuse_pollhandle* ph, unsigned* reventsp) {
    enter_caller();
    // The host kernel passes a poll handle when its caller will sleep: the
    // driver's wake_up() on a queue it poll_wait()ed on then sends
    // fuse_notify_poll(), and the caller polls again.
    std::function<void()> on_wake;
    if (ph != nullptr) {
        std::shared_ptr<fuse_pollhandle> handle(ph, fuse_pollhandle_destroy);
        on_wake = [handle] { fuse_notify_poll(handle.get()); };
    }
    auto r = kernel_of_request().vfs().poll(static_cast<vfs::Handle>(fi->fh), std::move(on_wake));
    if (r.is_error())
        return reply_error(r.error());
    *reventsp = r.value();
    return 0;
}

fuse_operations make_operations() {
    fuse_operations ops{};
    ops.getattr = fs_getattr;
    ops.readlink = fs_readlink;
    ops.readdir = fs_readdir;
    ops.open = fs_open;
    ops.release = fs_release;
    ops.read = fs_read;
    ops.write = fs_write;
    ops.truncate = fs_truncate;
    ops.ioctl = fs_ioctl;
    ops.poll = fs_poll;
    return ops;
}

} // namespace

ErrorOr<std::unique_ptr<FuseMount>> FuseMount::mount(Kernel& kernel, const std::string& path) {
    std::unique_ptr<FuseMount> m(new FuseMount(kernel, path));
    static const fuse_operations ops = make_operations();
    // default_permissions: the host kernel checks modes against the caller,
    // as Linux would on the real files; allow_other is not requested.
    const char* argv[] = {"ksim", "-o", "default_permissions,fsname=ksim,subtype=ksim"};
    fuse_args args = FUSE_ARGS_INIT(3, const_cast<char**>(argv));
    m->m_fuse = fuse_new(&args, &ops, sizeof ops, m.get());
    fuse_opt_free_args(&args);
    if (m->m_fuse == nullptr)
        return Error::from_errno(EIO, "fuse_new failed");
    if (fuse_mount(m->m_fuse, path.c_str()) != 0) {
        fuse_destroy(m->m_fuse);
        m->m_fuse = nullptr;
        return Error::from_errno(EIO, "cannot mount FUSE on " + path);
    }
    struct ::fuse* f = m->m_fuse;
    m->m_loop = std::thread([f] {
        fuse_loop_config* config = fuse_loop_cfg_create();
        fuse_loop_mt(f, config);
        fuse_loop_cfg_destroy(config);
    });
    return m;
}

void FuseMount::note_open(uint64_t handle, pid_t opener) {
    std::lock_guard guard(m_openers_lock);
    m_openers[handle] = opener;
}

void FuseMount::note_release(uint64_t handle) {
    {
        std::lock_guard guard(m_openers_lock);
        m_openers.erase(handle);
    }
    m_released.notify_all();
}

void FuseMount::wait_for_exited_openers(std::chrono::milliseconds limit) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    std::unique_lock lock(m_openers_lock);
    for (;;) {
        bool pending = false;
        for (const auto& [handle, pid] : m_openers)
            pending |= !process_runs(pid);
        if (!pending)
            return;
        // Releases notify; the poll interval covers a process that exits
        // while we wait.
        if (m_released.wait_until(lock, std::min(deadline, std::chrono::steady_clock::now() +
                                                               std::chrono::milliseconds(5))) ==
                std::cv_status::timeout &&
            std::chrono::steady_clock::now() >= deadline)
            return;
    }
}

FuseMount::~FuseMount() {
    if (m_fuse == nullptr)
        return;
    fuse_exit(m_fuse);
    // Requests sleeping interruptibly in module code (a blocking read) end
    // with -ERESTARTSYS, so the loop's workers can be joined.
    m_kernel.tasks().set_all_interrupted(true);
    fuse_unmount(m_fuse); // wakes the loop: the session's channel closes
    if (m_loop.joinable())
        m_loop.join();
    m_kernel.tasks().set_all_interrupted(false);
    fuse_destroy(m_fuse);
}

} // namespace ksim::fuse
