// seq_file (fs/seq_file.c): record-at-a-time generation of a file's
// contents through start/next/stop/show, with the kernel's buffer handling:
// a record that overflows the buffer makes seq_read retry with a buffer twice
// as large; a read returns at most what was asked and keeps the rest for the
// next read; seeking regenerates from the beginning (traverse()).
#include "api/alloc.h"
#include "api/export.h"
#include "api/vsprintf.h"
#include "vfs/fs_abi.h"

#include <cerrno>
#include <cstdarg>
#include <cstring>

extern "C" unsigned long _copy_to_user(void* to, const void* from, unsigned long n);

namespace {

using ksim::api::gfp_kernel;
using ksim::api::gfp_zero;
using ksim::api::kfree_at;
using ksim::api::kmalloc_at;

constexpr unsigned long page_size = 4096;
void* const seq_start_token = reinterpret_cast<void*>(1);

bool is_err_or_null(const void* p) {
    return p == nullptr || reinterpret_cast<unsigned long>(p) >= -4095UL;
}
long ptr_err(const void* p) {
    return reinterpret_cast<long>(p);
}

bool overflowed(const seq_file* m) {
    return m->count == m->size;
}

char* alloc_buf(unsigned long size) {
    return static_cast<char*>(kmalloc_at(size, gfp_kernel, KSIM_CALL_SITE(), "seq_buf_alloc"));
}

// fs/seq_file.c traverse(): regenerate records until `offset` bytes have
// gone by, leaving the remainder of the record at `offset` in the buffer.
int traverse(seq_file* m, long long offset) {
    long long pos = 0;
    int error = 0;
    m->index = 0;
    m->count = m->from = 0;
    if (offset == 0)
        return 0;
    if (m->buf == nullptr) {
        m->buf = alloc_buf(m->size = page_size);
        if (m->buf == nullptr)
            return -ENOMEM;
    }
    void* p = m->op->start(m, &m->index);
    while (p != nullptr) {
        error = static_cast<int>(ptr_err(p));
        if (is_err_or_null(p))
            break;
        error = m->op->show(m, p);
        if (error < 0)
            break;
        if (error > 0) {
            error = 0;
            m->count = 0;
        }
        if (overflowed(m)) {
            m->op->stop(m, p);
            kfree_at(m->buf, KSIM_CALL_SITE(), "seq_read");
            m->count = 0;
            m->buf = alloc_buf(m->size <<= 1);
            return m->buf == nullptr ? -ENOMEM : -EAGAIN;
        }
        p = m->op->next(m, p, &m->index);
        if (pos + static_cast<long long>(m->count) > offset) {
            m->from = static_cast<unsigned long>(offset - pos);
            m->count -= m->from;
            break;
        }
        pos += static_cast<long long>(m->count);
        m->count = 0;
        if (pos == offset)
            break;
    }
    m->op->stop(m, p);
    return error;
}

void* single_start(seq_file*, long long* pos) {
    return *pos ? nullptr : seq_start_token;
}
void* single_next(seq_file*, void*, long long* pos) {
    ++*pos;
    return nullptr;
}
void single_stop(seq_file*, void*) {}

} // namespace

extern "C" {

int seq_open(struct file* file, const struct seq_operations* op) {
    auto* m = static_cast<seq_file*>(
        kmalloc_at(sizeof(seq_file), gfp_kernel | gfp_zero, KSIM_CALL_SITE(), "seq_open"));
    if (m == nullptr)
        return -ENOMEM;
    file->private_data = m;
    m->op = op;
    m->file = file;
    file->f_version = 0;
    // seq files do not support pwrite.
    file->f_mode &= ~FMODE_PWRITE;
    return 0;
}

long seq_read(struct file* file, char* ubuf, unsigned long size, long long* ppos) {
    auto* m = static_cast<seq_file*>(file->private_data);
    long long pos_storage = file->f_pos;
    long long* pos = ppos ? ppos : &pos_storage;
    long copied = 0;
    int err = 0;
    void* p = nullptr;
    if (size == 0)
        return 0;
    if (*pos != m->read_pos) {
        while ((err = traverse(m, *pos)) == -EAGAIN) {
        }
        if (err) {
            m->read_pos = 0;
            m->index = 0;
            m->count = 0;
            return err;
        }
        m->read_pos = *pos;
    }
    if (m->buf == nullptr) {
        m->buf = alloc_buf(m->size = page_size);
        if (m->buf == nullptr)
            return -ENOMEM;
    }
    // Leftovers of the last record first.
    if (m->count) {
        unsigned long n = m->count < size ? m->count : size;
        unsigned long left = _copy_to_user(ubuf, m->buf + m->from, n);
        n -= left;
        m->count -= n;
        m->from += n;
        copied += static_cast<long>(n);
        if (m->count || left)
            goto done;
    }
    // Find a record that produces output, growing the buffer as needed.
    m->from = 0;
    p = m->op->start(m, &m->index);
    for (;;) {
        err = static_cast<int>(ptr_err(p));
        if (is_err_or_null(p))
            break;
        err = m->op->show(m, p);
        if (err < 0)
            break;
        if (err > 0) // SEQ_SKIP
            m->count = 0;
        if (m->count == 0) {
            p = m->op->next(m, p, &m->index);
            continue;
        }
        if (!overflowed(m))
            goto fill;
        m->op->stop(m, p);
        kfree_at(m->buf, KSIM_CALL_SITE(), "seq_read");
        m->count = 0;
        m->buf = alloc_buf(m->size <<= 1);
        if (m->buf == nullptr)
            return copied ? copied : -ENOMEM;
        p = m->op->start(m, &m->index);
    }
    m->op->stop(m, p);
    m->count = 0;
    goto done;
fill:
    // Append whole records while they fit and the reader wants more.
    for (;;) {
        unsigned long offs = m->count;
        long long before = m->index;
        p = m->op->next(m, p, &m->index);
        if (before == m->index)
            m->index++; // a buggy ->next that did not advance
        if (is_err_or_null(p))
            break;
        if (m->count >= size - static_cast<unsigned long>(copied))
            break;
        err = m->op->show(m, p);
        if (err > 0) {
            m->count = offs;
        } else if (err || overflowed(m)) {
            m->count = offs;
            break;
        }
    }
    m->op->stop(m, p);
    {
        unsigned long n = m->count < size - static_cast<unsigned long>(copied)
                              ? m->count
                              : size - static_cast<unsigned long>(copied);
        unsigned long left = _copy_to_user(ubuf + copied, m->buf, n);
        n -= left;
        copied += static_cast<long>(n);
        m->count -= n;
        m->from = n;
    }
done:
    if (copied == 0) {
        copied = m->count ? -EFAULT : err;
    } else {
        *pos += copied;
        m->read_pos += copied;
    }
    if (!ppos)
        file->f_pos = pos_storage;
    return copied;
}

long long seq_lseek(struct file* file, long long offset, int whence) {
    auto* m = static_cast<seq_file*>(file->private_data);
    long long retval = -EINVAL;
    switch (whence) {
    case 1: // SEEK_CUR
        offset += file->f_pos;
        [[fallthrough]];
    case 0: // SEEK_SET
        if (offset < 0)
            break;
        retval = offset;
        if (offset != m->read_pos) {
            int err;
            while ((err = traverse(m, offset)) == -EAGAIN) {
            }
            if (err) {
                retval = err;
                file->f_pos = 0;
                m->read_pos = 0;
                m->index = 0;
                m->count = 0;
            } else {
                m->read_pos = offset;
                retval = file->f_pos = offset;
            }
        } else {
            file->f_pos = offset;
        }
    }
    return retval;
}

int seq_release(struct inode*, struct file* file) {
    auto* m = static_cast<seq_file*>(file->private_data);
    kfree_at(m->buf, KSIM_CALL_SITE(), "seq_release");
    kfree_at(m, KSIM_CALL_SITE(), "seq_release");
    return 0;
}

int single_open(struct file* file, int (*show)(struct seq_file*, void*), void* data) {
    auto* op = static_cast<seq_operations*>(
        kmalloc_at(sizeof(seq_operations), gfp_kernel, KSIM_CALL_SITE(), "single_open"));
    if (op == nullptr)
        return -ENOMEM;
    op->start = single_start;
    op->next = single_next;
    op->stop = single_stop;
    op->show = show;
    int res = seq_open(file, op);
    if (res == 0)
        static_cast<seq_file*>(file->private_data)->seq_private = data;
    else
        kfree_at(op, KSIM_CALL_SITE(), "single_open");
    return res;
}

int single_release(struct inode* inode, struct file* file) {
    const seq_operations* op = static_cast<seq_file*>(file->private_data)->op;
    int res = seq_release(inode, file);
    kfree_at(op, KSIM_CALL_SITE(), "single_release");
    return res;
}

// Appends formatted text; on overflow the buffer is marked full so seq_read
// retries the record with a larger buffer.
void seq_vprintf(struct seq_file* m, const char* f, va_list args) {
    if (m->count < m->size) {
        int len = ksim_vsnprintf(m->buf + m->count, m->size - m->count, f, args);
        if (len >= 0 && m->count + static_cast<unsigned long>(len) < m->size) {
            m->count += static_cast<unsigned long>(len);
            return;
        }
    }
    m->count = m->size;
}

void seq_printf(struct seq_file* m, const char* f, ...) {
    va_list args;
    va_start(args, f);
    seq_vprintf(m, f, args);
    va_end(args);
}

int seq_write(struct seq_file* m, const void* data, unsigned long len) {
    if (m->count + len < m->size) {
        std::memcpy(m->buf + m->count, data, len);
        m->count += len;
        return 0;
    }
    m->count = m->size;
    return -1;
}

void seq_puts(struct seq_file* m, const char* s) {
    (void)seq_write(m, s, std::strlen(s));
}

void seq_putc(struct seq_file* m, char c) {
    if (m->count >= m->size)
        return;
    m->buf[m->count++] = c;
}

} // extern "C"

EXPORT_SYMBOL_KSIM(seq_open)
EXPORT_SYMBOL_KSIM(seq_read)
EXPORT_SYMBOL_KSIM(seq_lseek)
EXPORT_SYMBOL_KSIM(seq_release)
EXPORT_SYMBOL_KSIM(single_open)
EXPORT_SYMBOL_KSIM(single_release)
EXPORT_SYMBOL_KSIM(seq_vprintf)
EXPORT_SYMBOL_KSIM(seq_printf)
EXPORT_SYMBOL_KSIM(seq_write)
EXPORT_SYMBOL_KSIM(seq_puts)
EXPORT_SYMBOL_KSIM(seq_putc)
