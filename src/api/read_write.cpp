// The llseek helpers drivers name in file_operations (fs/read_write.c
// no_llseek, noop_llseek, default_llseek, generic_file_llseek,
// generic_file_llseek_size, fixed_size_llseek, no_seek_end_llseek).
#include "api/export.h"
#include "vfs/fs_abi.h"

#include <cerrno>
#include <climits>
#include <cstdio>

namespace {
constexpr int seek_set = 0, seek_cur = 1, seek_end = 2, seek_data = 3, seek_hole = 4;

// fs/read_write.c vfs_setpos(): a negative offset (without
// FMODE_UNSIGNED_OFFSET) or one beyond maxsize is -EINVAL.
long long setpos(struct file* file, long long offset, long long maxsize) {
    if (offset < 0 && !(file->f_mode & FMODE_UNSIGNED_OFFSET))
        return -EINVAL;
    if (offset > maxsize)
        return -EINVAL;
    if (offset != file->f_pos) {
        file->f_pos = offset;
        file->f_version = 0;
    }
    return offset;
}
} // namespace

extern "C" {

long long no_llseek(struct file*, long long, int) {
    return -ESPIPE;
}

// Seeking "succeeds" without moving: for devices where position is meaningless
// but lseek must not fail.
long long noop_llseek(struct file* file, long long, int) {
    return file->f_pos;
}

long long generic_file_llseek_size(struct file* file, long long offset, int whence,
                                   long long maxsize, long long eof) {
    switch (whence) {
    case seek_end:
        offset += eof;
        break;
    case seek_cur:
        // A SEEK_CUR of 0 reports the position without changing it.
        if (offset == 0)
            return file->f_pos;
        offset += file->f_pos;
        break;
    case seek_data:
        if (offset < 0 || offset >= eof)
            return -ENXIO;
        break;
    case seek_hole:
        if (offset < 0 || offset >= eof)
            return -ENXIO;
        offset = eof;
        break;
    case seek_set:
        break;
    default:
        return -EINVAL;
    }
    return setpos(file, offset, maxsize);
}

long long generic_file_llseek(struct file* file, long long offset, int whence) {
    long long size = file->f_inode ? file->f_inode->i_size : 0;
    return generic_file_llseek_size(file, offset, whence, LLONG_MAX, size);
}

long long fixed_size_llseek(struct file* file, long long offset, int whence, long long size) {
    switch (whence) {
    case seek_set:
    case seek_cur:
    case seek_end:
        return generic_file_llseek_size(file, offset, whence, size, size);
    default:
        return -EINVAL;
    }
}

long long no_seek_end_llseek(struct file* file, long long offset, int whence) {
    switch (whence) {
    case seek_set:
    case seek_cur:
        return generic_file_llseek_size(file, offset, whence, LLONG_MAX, 0);
    default:
        return -EINVAL;
    }
}

// fs/read_write.c default_llseek(): SEEK_END against i_size, SEEK_DATA and
// SEEK_HOLE treating the whole file as data; negative results are -EINVAL.
long long default_llseek(struct file* file, long long offset, int whence) {
    long long size = file->f_inode ? file->f_inode->i_size : 0;
    switch (whence) {
    case seek_end:
        offset += size;
        break;
    case seek_cur:
        if (offset == 0)
            return file->f_pos;
        offset += file->f_pos;
        break;
    case seek_data:
        if (offset >= size)
            return -ENXIO;
        break;
    case seek_hole:
        if (offset >= size)
            return -ENXIO;
        offset = size;
        break;
    case seek_set:
        break;
    default:
        return -EINVAL;
    }
    if (offset < 0 && !(file->f_mode & FMODE_UNSIGNED_OFFSET))
        return -EINVAL;
    if (offset != file->f_pos) {
        file->f_pos = offset;
        file->f_version = 0;
    }
    return offset;
}

} // extern "C"

EXPORT_SYMBOL_KSIM(no_llseek)
EXPORT_SYMBOL_KSIM(noop_llseek)
EXPORT_SYMBOL_KSIM(default_llseek)
EXPORT_SYMBOL_KSIM(generic_file_llseek)
EXPORT_SYMBOL_KSIM(generic_file_llseek_size)
EXPORT_SYMBOL_KSIM(fixed_size_llseek)
EXPORT_SYMBOL_KSIM(no_seek_end_llseek)
