// lib/string.c behaviour that differs from, or goes beyond, the C library:
// strscpy, strsep, strim, sysfs_streq, match_string, the kstrdup family.
#include "api/export.h"
#include "kernel/kernel.h"
#include "kernel/slab.h"

#include <cerrno>
#include <cstring>
#include <gtest/gtest.h>
#include <string>
#include <sys/types.h>
#include <vector>

extern "C" {
ssize_t strscpy(char* dest, const char* src, size_t count);
ssize_t strscpy_pad(char* dest, const char* src, size_t count);
char* strim(char* s);
char* skip_spaces(const char* str);
char* strreplace(char* s, char old, char repl);
bool sysfs_streq(const char* s1, const char* s2);
int match_string(const char* const* array, size_t n, const char* string);
int __sysfs_match_string(const char* const* array, size_t n, const char* s);
char* strnchr(const char* s, size_t count, int c);
char* strnstr(const char* s1, const char* s2, size_t len);
void* memchr_inv(const void* s, int c, size_t n);
char* kstrdup(const char* s, unsigned gfp);
char* kstrndup(const char* s, size_t max, unsigned gfp);
char* kmemdup_nul(const char* s, size_t len, unsigned gfp);
void kfree(const void* p);
char** argv_split(unsigned gfp, const char* str, int* argcp);
void argv_free(char** argv);
char* kasprintf(unsigned gfp, const char* fmt, ...);
}

namespace {

template <typename F> F* linux_fn(const char* name) {
    const ksim::KernelExport* e = ksim::find_kernel_export(name);
    EXPECT_NE(e, nullptr) << name;
    return reinterpret_cast<F*>(const_cast<void*>(e->address));
}

TEST(String, Strscpy) {
    char buf[6];
    EXPECT_EQ(strscpy(buf, "hello", sizeof buf), 5);
    EXPECT_STREQ(buf, "hello");
    EXPECT_EQ(strscpy(buf, "hello!", sizeof buf), -E2BIG);
    EXPECT_STREQ(buf, "hello");
    EXPECT_EQ(strscpy(buf, "x", 0), -E2BIG);
    std::memset(buf, 'z', sizeof buf);
    EXPECT_EQ(strscpy_pad(buf, "ab", sizeof buf), 2);
    EXPECT_EQ(std::memcmp(buf, "ab\0\0\0\0", 6), 0);
}

TEST(String, StrlcpyStrlcat) {
    auto* strlcpy_fn = linux_fn<size_t(char*, const char*, size_t)>("strlcpy");
    auto* strlcat_fn = linux_fn<size_t(char*, const char*, size_t)>("strlcat");
    char buf[5];
    EXPECT_EQ(strlcpy_fn(buf, "abcdef", sizeof buf), 6u);
    EXPECT_STREQ(buf, "abcd");
    strlcpy_fn(buf, "ab", sizeof buf);
    EXPECT_EQ(strlcat_fn(buf, "cdef", sizeof buf), 6u);
    EXPECT_STREQ(buf, "abcd");
}

TEST(String, CompareReturnsSignOnly) {
    auto* strcmp_fn = linux_fn<int(const char*, const char*)>("strcmp");
    auto* strncmp_fn = linux_fn<int(const char*, const char*, size_t)>("strncmp");
    auto* memcmp_fn = linux_fn<int(const void*, const void*, size_t)>("memcmp");
    auto* strcasecmp_fn = linux_fn<int(const char*, const char*)>("strcasecmp");
    EXPECT_EQ(strcmp_fn("a", "c"), -1);
    EXPECT_EQ(strcmp_fn("c", "a"), 1);
    EXPECT_EQ(strcmp_fn("abc", "abc"), 0);
    EXPECT_EQ(strncmp_fn("abX", "abY", 2), 0);
    EXPECT_EQ(memcmp_fn("a", "c", 1), -2);
    EXPECT_EQ(strcasecmp_fn("HeLLo", "hello"), 0);
}

TEST(String, StrsepAndStrim) {
    auto* strsep_fn = linux_fn<char*(char**, const char*)>("strsep");
    char text[] = "a,b,,c";
    char* p = text;
    EXPECT_STREQ(strsep_fn(&p, ","), "a");
    EXPECT_STREQ(strsep_fn(&p, ","), "b");
    EXPECT_STREQ(strsep_fn(&p, ","), "");
    EXPECT_STREQ(strsep_fn(&p, ","), "c");
    EXPECT_EQ(p, nullptr);
    EXPECT_EQ(strsep_fn(&p, ","), nullptr);
    char padded[] = "  \t hi there \n ";
    EXPECT_STREQ(strim(padded), "hi there");
    EXPECT_STREQ(skip_spaces("\n\v x"), "x");
    char r[] = "a-b-c";
    EXPECT_EQ(*strreplace(r, '-', '_'), '\0');
    EXPECT_STREQ(r, "a_b_c");
}

TEST(String, SysfsStreqAndMatch) {
    EXPECT_TRUE(sysfs_streq("on", "on\n"));
    EXPECT_TRUE(sysfs_streq("on\n", "on"));
    EXPECT_FALSE(sysfs_streq("on\n\n", "on"));
    EXPECT_FALSE(sysfs_streq("on", "o"));
    const char* const modes[] = {"off", "on", nullptr, "auto"};
    EXPECT_EQ(match_string(modes, 4, "on"), 1);
    EXPECT_EQ(match_string(modes, 4, "auto"), -EINVAL); // stops at NULL
    EXPECT_EQ(__sysfs_match_string(modes, 2, "off\n"), 0);
}

TEST(String, SearchHelpers) {
    EXPECT_STREQ(strnchr("hello", 5, 'l'), "llo");
    EXPECT_EQ(strnchr("hello", 2, 'l'), nullptr);
    EXPECT_STREQ(strnstr("foobar", "bar", 6), "bar");
    EXPECT_EQ(strnstr("foobar", "bar", 5), nullptr);
    const char z[] = {0, 0, 7, 0};
    EXPECT_EQ(memchr_inv(z, 0, 4), z + 2);
    EXPECT_EQ(memchr_inv(z, 0, 2), nullptr);
}

TEST(String, KstrdupFamilyRecordsAllocations) {
    ksim::Kernel kernel;
    size_t before = kernel.slab().live_count();
    char* a = kstrdup("hello", 0xcc0);
    char* b = kstrndup("hello", 3, 0xcc0);
    char* c = kmemdup_nul("xyz", 2, 0xcc0);
    EXPECT_STREQ(a, "hello");
    EXPECT_STREQ(b, "hel");
    EXPECT_STREQ(c, "xy");
    EXPECT_EQ(kstrdup(nullptr, 0xcc0), nullptr);
    EXPECT_EQ(kernel.slab().live_count(), before + 3);
    auto rec = kernel.slab().find(reinterpret_cast<uintptr_t>(a));
    ASSERT_TRUE(rec.has_value());
    EXPECT_EQ(rec->size, 6u);
    kfree(a);
    kfree(b);
    kfree(c);
    EXPECT_EQ(kernel.slab().live_count(), before);
}

TEST(String, KasprintfAndFailures) {
    ksim::Kernel kernel;
    char* s = kasprintf(0xcc0, "%s-%d", "dev", 7);
    ASSERT_NE(s, nullptr);
    EXPECT_STREQ(s, "dev-7");
    EXPECT_EQ(kernel.slab().find(reinterpret_cast<uintptr_t>(s))->size, 6u);
    kfree(s);
    // Allocating string helpers are failable calls that name themselves.
    std::vector<std::string> functions;
    kernel.slab().set_should_fail([&](const ksim::AllocationSite& site) {
        functions.emplace_back(site.function);
        return true;
    });
    EXPECT_EQ(kasprintf(0xcc0, "x"), nullptr);
    EXPECT_EQ(kstrdup("x", 0xcc0), nullptr);
    EXPECT_EQ(functions, (std::vector<std::string>{"kasprintf", "kstrdup"}));
    EXPECT_EQ(kernel.slab().live_count(), 0u);
}

TEST(String, ArgvSplit) {
    ksim::Kernel kernel;
    int argc = -1;
    char** argv = argv_split(0xcc0, "  /bin/echo  a\tb ", &argc);
    ASSERT_NE(argv, nullptr);
    EXPECT_EQ(argc, 3);
    EXPECT_STREQ(argv[0], "/bin/echo");
    EXPECT_STREQ(argv[1], "a");
    EXPECT_STREQ(argv[2], "b");
    EXPECT_EQ(argv[3], nullptr);
    argv_free(argv);
    EXPECT_EQ(kernel.slab().live_count(), 0u);
    EXPECT_EQ(kernel.slab().bad_free_count(), 0u);
}

} // namespace
