// The kernel half of open/read/write/lseek/ioctl/poll/close on one open file
// (see open_file.h).
#include "vfs/open_file.h"

#include "check/guarded_call.h"
#include "vfs/kernel_calls.h"
#include "vfs/vfs.h"

#include <algorithm>
#include <csignal>
#include <cstring>
#include <fcntl.h>

namespace ksim::vfs {

namespace {
// include/linux/errno.h: kernel-internal codes that never reach user space.
constexpr long enoioctlcmd = 515;
// include/linux/fs.h MAX_RW_COUNT: INT_MAX rounded down to a page.
constexpr size_t max_rw_count = 0x7ffff000;
// include/uapi/linux/eventpoll.h: what a file without ->poll reports
// (DEFAULT_POLLMASK = EPOLLIN | EPOLLOUT | EPOLLRDNORM | EPOLLWRNORM).
constexpr unsigned default_pollmask = 0x1 | 0x4 | 0x40 | 0x100;
} // namespace

OpenFile::OpenFile(Vfs& vfs, std::shared_ptr<Node> node) : m_vfs(vfs), m_node(std::move(node)) {
    std::memset(&m_file, 0, sizeof m_file);
    m_file.f_inode = &m_node->inode();
    m_file.ksim_private = this;
}

OpenFile::~OpenFile() {
    if (m_opened)
        (void)close();
}

ModuleResult OpenFile::call(const std::function<long()>& body) {
    ModuleResult r;
    GuardedCallResult g = run_guarded(m_vfs.kernel(), [&] { r.value = body(); });
    if (!g.completed) {
        r.killed = true;
        r.exit_signal = g.exit_signal;
        r.value = -EFAULT;
    }
    return r;
}

ErrorOr<long> OpenFile::result_of(const ModuleResult& r) {
    if (r.killed) {
        Error e = Error::from_errno(EFAULT,
                                    r.exit_signal == SIGSEGV ? "Segmentation fault" : "Killed");
        e.killed_by_signal = r.exit_signal == SIGSEGV ? SIGSEGV : SIGKILL;
        return e;
    }
    if (r.value < 0 && r.value >= -4095)
        return Error::from_errno(static_cast<int>(-r.value), {});
    return r.value;
}

ErrorOr<void> OpenFile::open(int flags, bool may_read, bool may_write) {
    int acc = flags & O_ACCMODE;
    bool want_read = acc == O_RDONLY || acc == O_RDWR;
    bool want_write = acc == O_WRONLY || acc == O_RDWR;
    // fs/open.c do_dentry_open(): FMODE_READ/WRITE from the access mode,
    // and lseek/pread/pwrite allowed until ->open says otherwise
    // (nonseekable_open, stream_open).
    m_file.f_flags = static_cast<unsigned>(flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC));
    m_file.f_mode = (want_read ? FMODE_READ : 0) | (want_write ? FMODE_WRITE : 0) | FMODE_LSEEK |
                    FMODE_PREAD | FMODE_PWRITE;
    if ((want_read && !may_read) || (want_write && !may_write))
        return Error::from_errno(EACCES, "Permission denied");

    Node& node = *m_node;
    if (node.kind() == NodeKind::Directory && want_write)
        return Error::from_errno(EISDIR, "Is a directory");
    if (node.kind() == NodeKind::File && !node.fops && !node.pops) {
        // fs/kernfs/file.c kernfs_fop_open(): an attribute without show
        // cannot be opened for reading, one without store not for writing,
        // whatever the caller's privileges.
        bool proc = node.callbacks.proc;
        if (!proc && ((want_read && !node.callbacks.show) || (want_write && !node.callbacks.store)))
            return Error::from_errno(EACCES, "Permission denied");
        m_file.f_mode |= (want_read ? FMODE_CAN_READ : 0) | (want_write ? FMODE_CAN_WRITE : 0);
        m_opened = true;
        return {};
    }
    if (node.kind() == NodeKind::Directory) {
        m_opened = true;
        return {};
    }

    const file_operations* fops = node.fops;
    if (node.kind() == NodeKind::CharDevice) {
        // fs/char_dev.c chrdev_open(): the cdev mapped at i_rdev, else -ENXIO.
        cdev* c = m_vfs.chrdevs().find_cdev(node.inode().i_rdev);
        if (c == nullptr)
            return Error::from_errno(ENXIO, "No such device or address");
        node.inode().i_cdev = c;
        fops = c->ops;
    }
    if (node.pops != nullptr) {
        m_owner = node.owner;
        if (!try_module_get(m_owner))
            return Error::from_errno(ENOENT, "No such file or directory");
        m_file.f_mode |= (want_read ? FMODE_CAN_READ : 0) | (want_write ? FMODE_CAN_WRITE : 0);
        if (node.pops->proc_open) {
            auto r = result_of(call([&] { return node.pops->proc_open(&node.inode(), &m_file); }));
            if (r.is_error()) {
                module_put(m_owner);
                m_owner = nullptr;
                return r.release_error();
            }
        }
        m_opened = true;
        return {};
    }
    if (fops == nullptr)
        return Error::from_errno(ENXIO, "No such device or address");
    // fops_get(): a module whose removal has begun cannot be opened.
    m_owner = fops->owner;
    if (!try_module_get(m_owner)) {
        m_owner = nullptr;
        return Error::from_errno(ENXIO, "No such device or address");
    }
    m_file.f_op = fops;
    if (fops->open) {
        auto r = result_of(call([&] { return fops->open(&node.inode(), &m_file); }));
        // An ->open may swap f_op (replace_fops(), as misc_open does): the
        // reference now held is the new operations' owner's.
        if (m_file.f_op != fops)
            m_owner = m_file.f_op ? m_file.f_op->owner : nullptr;
        if (r.is_error()) {
            module_put(m_owner);
            m_owner = nullptr;
            return r.release_error();
        }
    }
    // fs/open.c do_dentry_open(): FMODE_CAN_READ/WRITE come from the
    // operations in place after ->open (misc_open() swaps in the driver's).
    if (const file_operations* f = m_file.f_op) {
        if (want_read && (f->read || f->read_iter))
            m_file.f_mode |= FMODE_CAN_READ;
        if (want_write && (f->write || f->write_iter))
            m_file.f_mode |= FMODE_CAN_WRITE;
    }
    m_opened = true;
    return {};
}

ErrorOr<long> OpenFile::read(UserBuffer& buffer, size_t count) {
    std::lock_guard guard(m_lock);
    // fs/read_write.c vfs_read(): -EBADF without FMODE_READ, -EINVAL when
    // the file has no read method, then the count is clamped.
    if (!(m_file.f_mode & FMODE_READ))
        return Error::from_errno(EBADF, "Bad file descriptor");
    if (m_node->kind() == NodeKind::Directory)
        return Error::from_errno(EISDIR, "Is a directory");
    if (!(m_file.f_mode & FMODE_CAN_READ))
        return Error::from_errno(EINVAL, "Invalid argument");
    count = std::min(count, max_rw_count);
    char* ubuf = reinterpret_cast<char*>(buffer.address());
    if (m_node->pops != nullptr) {
        // fs/proc/inode.c pde_read(): no proc_read, or an entry already
        // removed, is -EIO.
        if (m_node->pops->proc_read == nullptr || m_node->removed)
            return Error::from_errno(EIO, "Input/output error");
        return result_of(
            call([&] { return m_node->pops->proc_read(&m_file, ubuf, count, ppos()); }));
    }
    if (m_file.f_op == nullptr) {
        // A C++-backed attribute: show() once per open file at offset 0.
        if (!m_node->callbacks.show)
            return Error::from_errno(EIO, "Input/output error"); // a /proc file
        if (!m_have_contents || m_file.f_pos == 0) {
            m_contents = KSIM_TRY(m_node->callbacks.show());
            m_have_contents = true;
        }
        if (m_file.f_pos >= static_cast<long long>(m_contents.size()))
            return 0L;
        size_t n = std::min(count, m_contents.size() - static_cast<size_t>(m_file.f_pos));
        std::memcpy(buffer.bytes().data(), m_contents.data() + m_file.f_pos, n);
        m_file.f_pos += static_cast<long long>(n);
        return static_cast<long>(n);
    }
    if (m_file.f_op->read == nullptr)
        return call_iter(m_file.f_op->read_iter, buffer, count, false);
    return result_of(call([&] { return m_file.f_op->read(&m_file, ubuf, count, ppos()); }));
}

ErrorOr<long> OpenFile::write(UserBuffer& buffer, size_t count) {
    std::lock_guard guard(m_lock);
    // fs/read_write.c vfs_write(), the mirror of vfs_read().
    if (!(m_file.f_mode & FMODE_WRITE))
        return Error::from_errno(EBADF, "Bad file descriptor");
    if (!(m_file.f_mode & FMODE_CAN_WRITE))
        return Error::from_errno(EINVAL, "Invalid argument");
    count = std::min(count, max_rw_count);
    const char* ubuf = reinterpret_cast<const char*>(buffer.address());
    if (m_node->pops != nullptr) {
        // fs/proc/inode.c pde_write(): no proc_write (or removed) is -EIO.
        if (m_node->pops->proc_write == nullptr || m_node->removed)
            return Error::from_errno(EIO, "Input/output error");
        return result_of(
            call([&] { return m_node->pops->proc_write(&m_file, ubuf, count, ppos()); }));
    }
    if (m_file.f_op == nullptr) {
        // fs/sysfs/file.c sysfs_kf_write(): store() sees at most a page, as a
        // NUL-terminated string.
        if (!m_node->callbacks.store)
            return Error::from_errno(EIO, "Input/output error"); // a /proc file
        size_t n = std::min<size_t>(count, UserMemory::page_size - 1);
        std::string_view data(reinterpret_cast<const char*>(buffer.bytes().data()), n);
        size_t stored = KSIM_TRY(m_node->callbacks.store(data));
        return static_cast<long>(stored);
    }
    if (m_file.f_op->write == nullptr)
        return call_iter(m_file.f_op->write_iter, buffer, count, true);
    return result_of(call([&] { return m_file.f_op->write(&m_file, ubuf, count, ppos()); }));
}

ErrorOr<long> OpenFile::call_iter(long (*fn)(struct kiocb*, struct iov_iter*), UserBuffer& buffer,
                                  size_t count, bool write) {
    if (fn == nullptr)
        return Error::from_errno(EINVAL, "Invalid argument");
    // init_sync_kiocb(): the flags follow f_flags (iocb_flags()).
    struct kiocb kiocb {};
    kiocb.ki_filp = &m_file;
    unsigned flags = m_file.f_flags;
    kiocb.ki_flags =
        ((flags & O_APPEND) ? 0x10 : 0) | ((flags & O_DIRECT) ? (1 << 17) : 0) |
        ((flags & O_DSYNC) ? 0x2 : 0) | ((flags & 04000000) ? 0x4 : 0) |
        (write ? (1 << 18) : 0); // IOCB_APPEND, _DIRECT, _DSYNC, _SYNC (__O_SYNC), _WRITE
    long long* pos = ppos();
    kiocb.ki_pos = pos ? *pos : 0;
    struct iov_iter iter {};
    iter.iter_type = ITER_UBUF;
    iter.user_backed = true;
    iter.data_source = write; // WRITE: the iterator is the source
    iter.ubuf = reinterpret_cast<void*>(buffer.address());
    iter.count = count;
    auto r = result_of(call([&] { return fn(&kiocb, &iter); }));
    if (pos != nullptr)
        *pos = kiocb.ki_pos;
    return r;
}

ErrorOr<long long> OpenFile::llseek(long long offset, int whence) {
    std::lock_guard guard(m_lock);
    if (m_node->pops != nullptr) {
        // fs/proc/inode.c pde_lseek(): proc entries default to default_llseek.
        auto fn = m_node->pops->proc_lseek ? m_node->pops->proc_lseek : &default_llseek;
        long long pos = KSIM_TRY(
            result_of(call([&] { return static_cast<long>(fn(&m_file, offset, whence)); })));
        return pos;
    }
    if (m_file.f_op == nullptr) {
        // Attributes: kernfs seeks like generic_file_llseek over the contents.
        long long base = whence == SEEK_SET   ? 0
                         : whence == SEEK_CUR ? m_file.f_pos
                         : whence == SEEK_END ? static_cast<long long>(m_contents.size())
                                              : -1;
        if (base < 0 || base + offset < 0)
            return Error::from_errno(EINVAL, "Invalid argument");
        m_file.f_pos = base + offset;
        return m_file.f_pos;
    }
    // fs/read_write.c vfs_llseek(): no FMODE_LSEEK or no ->llseek is
    // no_llseek, -ESPIPE.
    if (!(m_file.f_mode & FMODE_LSEEK) || m_file.f_op->llseek == nullptr)
        return Error::from_errno(ESPIPE, "Illegal seek");
    auto fn = m_file.f_op->llseek;
    long long pos =
        KSIM_TRY(result_of(call([&] { return static_cast<long>(fn(&m_file, offset, whence)); })));
    return pos;
}

ErrorOr<long> OpenFile::ioctl(unsigned cmd, unsigned long arg) {
    // fs/ioctl.c vfs_ioctl(): no unlocked_ioctl is -ENOTTY, and a driver's
    // -ENOIOCTLCMD becomes -ENOTTY.
    long (*fn)(struct file*, unsigned, unsigned long) = nullptr;
    if (m_node->pops != nullptr)
        fn = m_node->pops->proc_ioctl;
    else if (m_file.f_op != nullptr)
        fn = m_file.f_op->unlocked_ioctl;
    if (fn == nullptr)
        return Error::from_errno(ENOTTY, "Inappropriate ioctl for device");
    ModuleResult r = call([&] { return fn(&m_file, cmd, arg); });
    if (!r.killed && r.value == -enoioctlcmd)
        r.value = -ENOTTY;
    return result_of(r);
}

ErrorOr<unsigned> OpenFile::poll(PollRegistration::Notify on_wake) {
    // fs/select.c vfs_poll(): no ->poll reports DEFAULT_POLLMASK.
    unsigned (*fn)(struct file*, struct poll_table_struct*) = nullptr;
    if (m_node->pops != nullptr)
        fn = m_node->pops->proc_poll;
    else if (m_file.f_op != nullptr)
        fn = m_file.f_op->poll;
    if (fn == nullptr)
        return default_pollmask;
    ModuleResult r;
    if (on_wake) {
        m_poll.poll_with(std::move(on_wake), [&](poll_table_struct* table) {
            r = call([&] { return static_cast<long>(fn(&m_file, table)); });
            return static_cast<unsigned>(r.value);
        });
    } else {
        r = call([&] { return static_cast<long>(fn(&m_file, nullptr)); });
    }
    if (r.killed)
        return Error::from_errno(EFAULT, "Killed");
    return static_cast<unsigned>(r.value);
}

ErrorOr<void> OpenFile::close() {
    if (!m_opened)
        return {};
    m_opened = false;
    // Poll registrations leave the driver's queues before ->release may
    // free them.
    m_poll.clear();
    ErrorOr<void> status;
    const file_operations* fops = m_file.f_op;
    if (m_node->pops != nullptr) {
        if (m_node->pops->proc_release)
            (void)call([&] { return m_node->pops->proc_release(&m_node->inode(), &m_file); });
    } else if (fops != nullptr) {
        // fs/open.c filp_close(): ->flush's error is close()'s result.
        if (fops->flush) {
            auto r =
                result_of(call([&] { return static_cast<long>(fops->flush(&m_file, nullptr)); }));
            if (r.is_error())
                status = r.release_error();
        }
        // fs/file_table.c __fput(): fasync(-1) if FASYNC is set, then
        // release; release's return value is ignored.
        if ((m_file.f_flags & FASYNC) && fops->fasync)
            (void)call([&] { return static_cast<long>(fops->fasync(-1, &m_file, 0)); });
        if (fops->release)
            (void)call([&] { return static_cast<long>(fops->release(&m_node->inode(), &m_file)); });
    }
    if (m_owner != nullptr)
        module_put(m_owner);
    m_owner = nullptr;
    return status;
}

} // namespace ksim::vfs
