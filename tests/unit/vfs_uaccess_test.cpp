// User memory: copies report short counts past the end of a user buffer, a
// kernel pointer given as a user pointer is a finding, and module code that
// dereferences a user pointer directly faults (SMAP).
#include "kernel/kernel.h"
#include "vfs/vfs.h"

#include <gtest/gtest.h>

#include <cstring>

extern "C" {
unsigned long _copy_from_user(void* to, const void* from, unsigned long n);
unsigned long _copy_to_user(void* to, const void* from, unsigned long n);
unsigned long clear_user(void* to, unsigned long n);
long strncpy_from_user(char* dst, const char* src, long count);
int __get_user_4(const void* ptr, uint32_t* val);
int __put_user_4(void* ptr, uint32_t val);
bool ksim_access_ok(const void* addr, unsigned long size);
void* memdup_user_nul(const void* src, size_t len);
void kfree(const void* p);
}

namespace {

using namespace ksim;

TEST(VfsUaccess, CopiesStopAtTheEndOfUserMemory) {
    Kernel kernel;
    auto buffer = kernel.vfs().user_memory().allocate(10);
    ASSERT_FALSE(buffer.is_error());
    auto* user = reinterpret_cast<char*>(buffer.value().address());
    char src[16] = "abcdefghijklmno";
    // 10 bytes are mapped; the guard page after them is not.
    EXPECT_EQ(_copy_to_user(user, src, 16), 6u);
    EXPECT_EQ(std::memcmp(buffer.value().bytes().data(), "abcdefghij", 10), 0);
    char dst[16];
    std::memset(dst, 'x', sizeof dst);
    EXPECT_EQ(_copy_from_user(dst, user + 4, 8), 2u);
    EXPECT_EQ(std::memcmp(dst, "efghij\0\0", 8), 0); // the uncopied tail is zeroed
    EXPECT_EQ(clear_user(user, 4), 0u);
    EXPECT_EQ(buffer.value().bytes()[3], 0);
    EXPECT_EQ(kernel.findings().count(), 0u);
}

TEST(VfsUaccess, StringAndScalarCopies) {
    Kernel kernel;
    auto buffer = kernel.vfs().user_memory().allocate(8);
    auto* user = reinterpret_cast<char*>(buffer.value().address());
    std::memcpy(buffer.value().bytes().data(), "hi\0", 3);
    char out[8];
    EXPECT_EQ(strncpy_from_user(out, user, 8), 2);
    EXPECT_STREQ(out, "hi");
    std::memcpy(buffer.value().bytes().data(), "abcdefgh", 8);
    EXPECT_EQ(strncpy_from_user(out, user, 4), 4); // does not fit: count
    EXPECT_EQ(strncpy_from_user(out, user, 8), 8);
    EXPECT_EQ(strncpy_from_user(out, user + 4, 8), -EFAULT); // runs off the end
    EXPECT_EQ(__put_user_4(user, 0x12345678u), 0);
    uint32_t v = 0;
    EXPECT_EQ(__get_user_4(user, &v), 0);
    EXPECT_EQ(v, 0x12345678u);
    EXPECT_EQ(__get_user_4(user + 6, &v), -EFAULT);
    EXPECT_EQ(v, 0u);
    char* copy = static_cast<char*>(memdup_user_nul(user, 3));
    ASSERT_NE(reinterpret_cast<long>(copy), -EFAULT);
    EXPECT_STREQ(copy, "xV4"); // 0x78 0x56 0x34 little-endian
    kfree(copy);
    EXPECT_EQ(reinterpret_cast<long>(memdup_user_nul(user + 6, 4)), -EFAULT);
    EXPECT_TRUE(ksim_access_ok(user, 8));
    EXPECT_FALSE(ksim_access_ok(out, 8));
}

TEST(VfsUaccess, KernelPointerAsUserPointerIsReported) {
    Kernel kernel;
    char kbuf[8] = "kernel";
    char src[8] = "data";
    EXPECT_EQ(_copy_to_user(kbuf, src, 8), 8u);
    EXPECT_STREQ(kbuf, "kernel"); // nothing was written
    auto findings = kernel.findings().all();
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].kind, "bad-user-pointer");
    EXPECT_NE(findings[0].summary.find("copy_to_user()"), std::string::npos);
}

TEST(VfsUaccessDeathTest, DirectDereferenceOfAUserPointerFaults) {
    Kernel kernel;
    auto buffer = kernel.vfs().user_memory().allocate(8);
    volatile char* user = reinterpret_cast<volatile char*>(buffer.value().address());
    EXPECT_DEATH({ (void)*user; }, "");
}

} // namespace
