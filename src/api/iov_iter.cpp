// I/O vector iterators (lib/iov_iter.c) for the simple cases drivers meet:
// a single user buffer (ITER_UBUF, what read(2)/write(2) make), user iovec
// arrays (ITER_IOVEC) and kernel segments (ITER_KVEC), plus ITER_DISCARD.
// User segments are copied with the same checks as copy_to_user(), so a
// short copy stops the iteration as in Linux.
#include "api/export.h"
#include "vfs/fs_abi.h"

#include <algorithm>
#include <cstring>

extern "C" {
unsigned long _copy_from_user(void* to, const void* from, unsigned long n);
unsigned long _copy_to_user(void* to, const void* from, unsigned long n);
}

namespace {

// Calls step(segment, length) -> bytes done over the next `bytes` of the
// iterator, advancing it; stops at the first short step.
template <typename Step> size_t iterate(struct iov_iter* i, size_t bytes, Step step) {
    bytes = std::min<size_t>(bytes, i->count);
    size_t total = 0;
    switch (i->iter_type) {
    case ITER_UBUF: {
        if (bytes == 0)
            return 0;
        total = step(static_cast<char*>(i->ubuf) + i->iov_offset, bytes);
        i->iov_offset += total;
        i->count -= total;
        return total;
    }
    case ITER_IOVEC:
    case ITER_KVEC: {
        // struct ksim_iovec and struct kvec have one layout.
        const struct ksim_iovec* seg = i->iov;
        while (bytes > 0 && i->nr_segs > 0) {
            size_t avail = seg->iov_len - i->iov_offset;
            size_t n = std::min(avail, bytes);
            size_t done = n ? step(static_cast<char*>(seg->iov_base) + i->iov_offset, n) : 0;
            i->iov_offset += done;
            i->count -= done;
            bytes -= done;
            total += done;
            if (i->iov_offset == seg->iov_len) {
                ++seg;
                --i->nr_segs;
                i->iov_offset = 0;
            }
            if (done < n)
                break;
        }
        i->iov = seg;
        return total;
    }
    case ITER_DISCARD:
        i->count -= bytes;
        return bytes;
    default:
        return 0; // bvec, pipe, xarray: not simulated
    }
}

bool user_segments(const struct iov_iter* i) {
    return i->iter_type == ITER_UBUF || i->iter_type == ITER_IOVEC;
}

} // namespace

extern "C" {

void iov_iter_init(struct iov_iter* i, unsigned int direction, const struct ksim_iovec* iov,
                   unsigned long nr_segs, size_t count) {
    std::memset(i, 0, sizeof *i);
    i->iter_type = ITER_IOVEC;
    i->user_backed = true;
    i->data_source = direction != 0;
    i->iov = iov;
    i->nr_segs = nr_segs;
    i->count = count;
}

void iov_iter_kvec(struct iov_iter* i, unsigned int direction, const struct kvec* kvec,
                   unsigned long nr_segs, size_t count) {
    std::memset(i, 0, sizeof *i);
    i->iter_type = ITER_KVEC;
    i->data_source = direction != 0;
    i->kvec = kvec;
    i->nr_segs = nr_segs;
    i->count = count;
}

void iov_iter_discard(struct iov_iter* i, unsigned int direction, size_t count) {
    std::memset(i, 0, sizeof *i);
    i->iter_type = ITER_DISCARD;
    i->data_source = direction != 0;
    i->count = count;
}

size_t _copy_to_iter(const void* addr, size_t bytes, struct iov_iter* i) {
    // lib/iov_iter.c: copying into a source iterator is a bug (WARN_ON).
    if (i->data_source)
        return 0;
    const char* from = static_cast<const char*>(addr);
    bool user = user_segments(i);
    return iterate(i, bytes, [&](char* seg, size_t n) -> size_t {
        size_t done = n;
        if (user)
            done = n - _copy_to_user(seg, from, n);
        else if (i->iter_type != ITER_DISCARD)
            std::memcpy(seg, from, n);
        from += done;
        return done;
    });
}

size_t _copy_from_iter(void* addr, size_t bytes, struct iov_iter* i) {
    if (!i->data_source)
        return 0;
    char* to = static_cast<char*>(addr);
    bool user = user_segments(i);
    return iterate(i, bytes, [&](char* seg, size_t n) -> size_t {
        size_t done = n;
        if (user)
            done = n - _copy_from_user(to, seg, n);
        else
            std::memcpy(to, seg, n);
        to += done;
        return done;
    });
}

size_t _copy_from_iter_nocache(void* addr, size_t bytes, struct iov_iter* i) {
    return _copy_from_iter(addr, bytes, i);
}

size_t iov_iter_zero(size_t bytes, struct iov_iter* i) {
    static const char zeroes[256] = {};
    size_t total = 0;
    while (bytes > 0 && i->count > 0) {
        size_t n = std::min(bytes, sizeof zeroes);
        size_t done = _copy_to_iter(zeroes, n, i);
        total += done;
        bytes -= done;
        if (done < n)
            break;
    }
    return total;
}

void iov_iter_advance(struct iov_iter* i, size_t bytes) {
    iterate(i, bytes, [](char*, size_t n) { return n; });
}

void iov_iter_revert(struct iov_iter* i, size_t bytes) {
    i->count += bytes;
    if (i->iter_type == ITER_UBUF || i->iter_type == ITER_DISCARD) {
        i->iov_offset -= bytes;
        return;
    }
    // Walk back over whole segments.
    while (bytes > 0) {
        if (bytes <= i->iov_offset) {
            i->iov_offset -= bytes;
            return;
        }
        bytes -= i->iov_offset;
        --i->iov;
        ++i->nr_segs;
        i->iov_offset = i->iov->iov_len;
    }
}

size_t iov_iter_single_seg_count(const struct iov_iter* i) {
    if (i->nr_segs > 0 && (i->iter_type == ITER_IOVEC || i->iter_type == ITER_KVEC))
        return std::min<size_t>(i->count, i->iov->iov_len - i->iov_offset);
    return i->count;
}

} // extern "C"

EXPORT_SYMBOL_KSIM(iov_iter_init)
EXPORT_SYMBOL_KSIM(iov_iter_kvec)
EXPORT_SYMBOL_KSIM(iov_iter_discard)
EXPORT_SYMBOL_KSIM(_copy_to_iter)
EXPORT_SYMBOL_KSIM(_copy_from_iter)
EXPORT_SYMBOL_KSIM(_copy_from_iter_nocache)
EXPORT_SYMBOL_KSIM(iov_iter_zero)
EXPORT_SYMBOL_KSIM(iov_iter_advance)
EXPORT_SYMBOL_KSIM(iov_iter_revert)
EXPORT_SYMBOL_KSIM(iov_iter_single_seg_count)
