// iov_iter: copies into a user buffer (ITER_UBUF) stop at the end of user
// memory with a short count, kernel segments (ITER_KVEC) are walked across
// segment boundaries, revert and advance move the position, and the
// direction is respected.
#include "kernel/kernel.h"
#include "vfs/fs_abi.h"
#include "vfs/vfs.h"

#include <gtest/gtest.h>

#include <cstring>

extern "C" {
void iov_iter_kvec(struct iov_iter* i, unsigned int direction, const struct kvec* kvec,
                   unsigned long nr_segs, size_t count);
void iov_iter_discard(struct iov_iter* i, unsigned int direction, size_t count);
size_t _copy_to_iter(const void* addr, size_t bytes, struct iov_iter* i);
size_t _copy_from_iter(void* addr, size_t bytes, struct iov_iter* i);
void iov_iter_advance(struct iov_iter* i, size_t bytes);
void iov_iter_revert(struct iov_iter* i, size_t bytes);
size_t iov_iter_zero(size_t bytes, struct iov_iter* i);
}

namespace {

constexpr unsigned read_dir = 0, write_dir = 1;

struct iov_iter ubuf(void* p, size_t n, unsigned dir) {
    struct iov_iter i {};
    i.iter_type = ITER_UBUF;
    i.user_backed = true;
    i.data_source = dir == write_dir;
    i.ubuf = p;
    i.count = n;
    return i;
}

TEST(ApiIovIter, UserBufferCopiesAndShortCounts) {
    ksim::Kernel kernel;
    auto buffer = kernel.vfs().user_memory().allocate(10);
    ASSERT_FALSE(buffer.is_error());
    auto* user = reinterpret_cast<char*>(buffer.value().address());
    // The iterator claims 16 bytes, but only 10 are mapped.
    struct iov_iter it = ubuf(user, 16, read_dir);
    EXPECT_EQ(_copy_to_iter("hello", 5, &it), 5u);
    EXPECT_EQ(it.count, 11u);
    EXPECT_EQ(_copy_to_iter("worldwide!", 10, &it), 5u); // the guard page stops it
    EXPECT_EQ(std::memcmp(buffer.value().bytes().data(), "helloworld", 10), 0);
    // A destination iterator is not a source.
    char out[4];
    EXPECT_EQ(_copy_from_iter(out, 4, &it), 0u);

    struct iov_iter src = ubuf(user, 10, write_dir);
    char got[8] = {};
    EXPECT_EQ(_copy_from_iter(got, 5, &src), 5u);
    EXPECT_STREQ(got, "hello");
    iov_iter_revert(&src, 2);
    EXPECT_EQ(src.count, 7u);
    EXPECT_EQ(_copy_from_iter(got, 3, &src), 3u);
    EXPECT_EQ(std::memcmp(got, "low", 3), 0);
    EXPECT_EQ(kernel.findings().count(), 0u);
}

TEST(ApiIovIter, KernelSegments) {
    ksim::Kernel kernel;
    char a[3] = {}, b[4] = {}, c[5] = {};
    struct kvec segs[3] = {{a, sizeof a}, {b, sizeof b}, {c, sizeof c}};
    struct iov_iter it {};
    iov_iter_kvec(&it, read_dir, segs, 3, 12);
    EXPECT_EQ(_copy_to_iter("abcdefghijklmnop", 16, &it), 12u); // clamped to count
    EXPECT_EQ(std::memcmp(a, "abc", 3), 0);
    EXPECT_EQ(std::memcmp(b, "defg", 4), 0);
    EXPECT_EQ(std::memcmp(c, "hijkl", 5), 0);
    EXPECT_EQ(it.count, 0u);
    EXPECT_EQ(it.nr_segs, 0u);

    iov_iter_revert(&it, 6); // back into the second segment
    EXPECT_EQ(it.count, 6u);
    char got[6];
    it.data_source = true;
    EXPECT_EQ(_copy_from_iter(got, 6, &it), 6u);
    EXPECT_EQ(std::memcmp(got, "ghijkl", 6), 0);

    iov_iter_kvec(&it, read_dir, segs, 3, 12);
    iov_iter_advance(&it, 4);
    EXPECT_EQ(iov_iter_zero(3, &it), 3u);
    EXPECT_EQ(std::memcmp(b, "d\0\0\0", 4), 0);

    struct iov_iter d {};
    iov_iter_discard(&d, read_dir, 8);
    EXPECT_EQ(_copy_to_iter("0123456789", 10, &d), 8u);
    EXPECT_EQ(d.count, 0u);
}

} // namespace
