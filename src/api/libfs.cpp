// fs/libfs.c simple_read_from_buffer() and simple_write_to_buffer(), and
// fs/open.c nonseekable_open() and stream_open(): the helpers small drivers
// build their read/write/open on.
#include "api/export.h"
#include "vfs/fs_abi.h"

#include <cerrno>

extern "C" {
unsigned long _copy_to_user(void* to, const void* from, unsigned long n);
unsigned long _copy_from_user(void* to, const void* from, unsigned long n);

// Copies from `from` (available bytes) at *ppos to user space; a copy that
// faults part-way counts what was copied, one that copies nothing is -EFAULT.
long simple_read_from_buffer(void* to, unsigned long count, long long* ppos, const void* from,
                             unsigned long available) {
    long long pos = *ppos;
    if (pos < 0)
        return -EINVAL;
    if (static_cast<unsigned long long>(pos) >= available || count == 0)
        return 0;
    if (count > available - pos)
        count = available - pos;
    unsigned long left = _copy_to_user(to, static_cast<const char*>(from) + pos, count);
    if (left == count)
        return -EFAULT;
    count -= left;
    *ppos = pos + static_cast<long long>(count);
    return static_cast<long>(count);
}

long simple_write_to_buffer(void* to, unsigned long available, long long* ppos, const void* from,
                            unsigned long count) {
    long long pos = *ppos;
    if (pos < 0)
        return -EINVAL;
    if (static_cast<unsigned long long>(pos) >= available || count == 0)
        return 0;
    if (count > available - pos)
        count = available - pos;
    unsigned long left = _copy_from_user(static_cast<char*>(to) + pos, from, count);
    if (left == count)
        return -EFAULT;
    count -= left;
    *ppos = pos + static_cast<long long>(count);
    return static_cast<long>(count);
}

// The file has no position: lseek, pread and pwrite fail with -ESPIPE.
int nonseekable_open(struct inode*, struct file* filp) {
    filp->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
    return 0;
}

// As nonseekable_open, and read/write get a NULL ppos (FMODE_STREAM).
int stream_open(struct inode*, struct file* filp) {
    filp->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE | FMODE_ATOMIC_POS);
    filp->f_mode |= FMODE_STREAM;
    return 0;
}

} // extern "C"

EXPORT_SYMBOL_KSIM(simple_read_from_buffer)
EXPORT_SYMBOL_KSIM(simple_write_to_buffer)
EXPORT_SYMBOL_KSIM(nonseekable_open)
EXPORT_SYMBOL_KSIM(stream_open)
