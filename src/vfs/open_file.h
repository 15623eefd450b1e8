#pragma once
// One open file description: the struct file the module sees, the node it
// was opened on, and the module reference held while it is open. Its methods
// are the kernel half of the file system calls (fs/read_write.c, fs/ioctl.c,
// fs/open.c, fs/proc/inode.c), each defaulting as Linux does when the module
// leaves an operation NULL. Module code runs through run_guarded(); a task
// that dies there makes the call fail with -EFAULT and `killed` set.

#include "vfs/node.h"
#include "vfs/poll_table.h"
#include "vfs/user_memory.h"

#include <memory>
#include <mutex>

namespace ksim {
class Kernel;
}

namespace ksim::vfs {

class Vfs;

// Outcome of a call into module code: the value it returned, or the fact that
// the calling task died there.
struct ModuleResult {
    long value = 0;
    bool killed = false;
    int exit_signal = 0;
};

class OpenFile {
  public:
    OpenFile(Vfs& vfs, std::shared_ptr<Node> node);
    ~OpenFile();
    OpenFile(const OpenFile&) = delete;
    OpenFile& operator=(const OpenFile&) = delete;

    // fs/open.c do_dentry_open() + chrdev_open()/proc_reg_open(): picks the
    // operations, pins their module, calls ->open.
    ErrorOr<void> open(int flags, bool may_read, bool may_write);
    ErrorOr<long> read(UserBuffer& buffer, size_t count);
    ErrorOr<long> write(UserBuffer& buffer, size_t count);
    ErrorOr<long long> llseek(long long offset, int whence);
    ErrorOr<long> ioctl(unsigned cmd, unsigned long arg);
    // vfs_poll(). With `on_wake`, the driver's poll_wait() registrations
    // call it when their queue is woken (the caller will sleep and poll
    // again); without, this is a readiness check with a NULL table.
    ErrorOr<unsigned> poll(PollRegistration::Notify on_wake = {});
    // filp_close(): ->flush, then the last fput's ->fasync(-1) and ->release
    // and the module reference drop.
    ErrorOr<void> close();

    struct file& file() {
        return m_file;
    }
    Node& node() { return *m_node; }

  private:
    ModuleResult call(const std::function<long()>& body);
    ErrorOr<long> result_of(const ModuleResult& r);
    long long* ppos() { return (m_file.f_mode & FMODE_STREAM) ? nullptr : &m_file.f_pos; }
    // fs/read_write.c new_sync_read()/new_sync_write(): a kiocb and a
    // ITER_UBUF iterator over the user buffer for ->read_iter/->write_iter.
    ErrorOr<long> call_iter(long (*fn)(struct kiocb*, struct iov_iter*), UserBuffer& buffer,
                            size_t count, bool write);

    Vfs& m_vfs;
    std::shared_ptr<Node> m_node;
    struct file m_file {};
    struct module* m_owner = nullptr; // reference held while open
    bool m_opened = false;
    // Callbacks-backed files: the contents produced by show() for this open
    // file, read once at offset 0 as sysfs does.
    std::string m_contents;
    bool m_have_contents = false;
    std::mutex m_lock; // serialises this file's f_pos updates, as f_pos_lock
    PollRegistration m_poll;
};

} // namespace ksim::vfs
