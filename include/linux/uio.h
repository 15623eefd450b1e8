/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: I/O vectors (Linux 6.1 include/linux/uio.h). struct iov_iter walks a
 * user buffer (ITER_UBUF, ITER_IOVEC) or kernel segments (ITER_KVEC);
 * ->read_iter/->write_iter fill or drain it with copy_to_iter() and
 * copy_from_iter(). The structures are in ksim/fs_abi.h.
 */
#ifndef __LINUX_UIO_H
#define __LINUX_UIO_H

#include <ksim/fs_abi.h>
#include <linux/kernel.h>
#include <linux/types.h>

#define UIO_FASTIOV 8
#define UIO_MAXIOV 1024

/* The direction: READ fills the iterator (it is the destination). */
#ifndef READ
#define READ 0
#define WRITE 1
#endif

static inline enum iter_type iov_iter_type(const struct iov_iter *i)
{
	return (enum iter_type)i->iter_type;
}

static inline bool iter_is_ubuf(const struct iov_iter *i)
{
	return iov_iter_type(i) == ITER_UBUF;
}

static inline bool iter_is_iovec(const struct iov_iter *i)
{
	return iov_iter_type(i) == ITER_IOVEC;
}

static inline bool iov_iter_is_kvec(const struct iov_iter *i)
{
	return iov_iter_type(i) == ITER_KVEC;
}

static inline bool iov_iter_is_discard(const struct iov_iter *i)
{
	return iov_iter_type(i) == ITER_DISCARD;
}

static inline bool user_backed_iter(const struct iov_iter *i)
{
	return i->user_backed;
}

static inline unsigned char iov_iter_rw(const struct iov_iter *i)
{
	return i->data_source ? WRITE : READ;
}

static inline size_t iov_iter_count(const struct iov_iter *i)
{
	return i->count;
}

static inline void iov_iter_truncate(struct iov_iter *i, u64 count)
{
	if (i->count > count)
		i->count = count;
}

static inline void iov_iter_reexpand(struct iov_iter *i, size_t count)
{
	i->count = count;
}

static inline void iov_iter_ubuf(struct iov_iter *i, unsigned int direction, void __user *buf,
				 size_t count)
{
	*i = (struct iov_iter){
		.iter_type = ITER_UBUF,
		.user_backed = true,
		.data_source = direction,
		.ubuf = buf,
		.count = count,
	};
}

void iov_iter_init(struct iov_iter *i, unsigned int direction, const struct iovec *iov,
		   unsigned long nr_segs, size_t count);
void iov_iter_kvec(struct iov_iter *i, unsigned int direction, const struct kvec *kvec,
		   unsigned long nr_segs, size_t count);
void iov_iter_discard(struct iov_iter *i, unsigned int direction, size_t count);
void iov_iter_advance(struct iov_iter *i, size_t bytes);
void iov_iter_revert(struct iov_iter *i, size_t bytes);
size_t iov_iter_zero(size_t bytes, struct iov_iter *i);
size_t iov_iter_single_seg_count(const struct iov_iter *i);

size_t _copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i);
size_t _copy_from_iter(void *addr, size_t bytes, struct iov_iter *i);
size_t _copy_from_iter_nocache(void *addr, size_t bytes, struct iov_iter *i);

static __always_inline __must_check size_t copy_to_iter(const void *addr, size_t bytes,
							 struct iov_iter *i)
{
	return _copy_to_iter(addr, bytes, i);
}

static __always_inline __must_check size_t copy_from_iter(void *addr, size_t bytes,
							   struct iov_iter *i)
{
	return _copy_from_iter(addr, bytes, i);
}

static __always_inline __must_check bool copy_from_iter_full(void *addr, size_t bytes,
							      struct iov_iter *i)
{
	size_t copied = copy_from_iter(addr, bytes, i);

	if (likely(copied == bytes))
		return true;
	iov_iter_revert(i, copied);
	return false;
}

static __always_inline __must_check size_t copy_from_iter_nocache(void *addr, size_t bytes,
								   struct iov_iter *i)
{
	return _copy_from_iter_nocache(addr, bytes, i);
}

#endif /* __LINUX_UIO_H */
