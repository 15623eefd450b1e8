// sysfs: kobjects under /sys/kernel, kobj_attribute show/store through the
// VFS with a page-aligned buffer, modes (a 0444 attribute cannot be opened
// for writing even by root), groups with is_visible, sysfs_emit's checks.
#include "kernel/kernel.h"
#include "vfs/vfs.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>

extern "C" {
extern struct kobject* kernel_kobj;
struct kobject* kobject_create_and_add(const char* name, struct kobject* parent);
void kobject_put(struct kobject* kobj);
int sysfs_create_file_ns(struct kobject* kobj, const struct attribute* attr, const void* ns);
int sysfs_create_group(struct kobject* kobj, const struct attribute_group* grp);
void sysfs_remove_group(struct kobject* kobj, const struct attribute_group* grp);
int sysfs_emit(char* buf, const char* fmt, ...);
int sysfs_emit_at(char* buf, int at, const char* fmt, ...);
}

namespace {

using namespace ksim;
using ksim::vfs::Vfs;

int g_value = 7;
long value_show(kobject*, kobj_attribute*, char* buf) {
    return sysfs_emit(buf, "%d\n", g_value);
}
long value_store(kobject*, kobj_attribute*, const char* buf, unsigned long n) {
    // The buffer is NUL-terminated, as sysfs guarantees.
    g_value = std::atoi(buf);
    return static_cast<long>(n);
}
long ro_show(kobject*, kobj_attribute*, char* buf) {
    return sysfs_emit(buf, "ro\n");
}

TEST(VfsSysfs, KobjectAttributesReadAndWrite) {
    Kernel kernel;
    ASSERT_NE(kernel_kobj, nullptr);
    kobject* ko = kobject_create_and_add("ksimtest", kernel_kobj);
    ASSERT_NE(ko, nullptr);
    static kobj_attribute value = {{"value", 0664}, value_show, value_store};
    static kobj_attribute ro = {{"ro", 0444}, ro_show, nullptr};
    ASSERT_EQ(sysfs_create_file_ns(ko, &value.attr, nullptr), 0);
    ASSERT_EQ(sysfs_create_file_ns(ko, &ro.attr, nullptr), 0);
    EXPECT_EQ(sysfs_create_file_ns(ko, &ro.attr, nullptr), -EEXIST);
    Vfs& vfs = kernel.vfs();
    EXPECT_EQ(vfs.read_all("/sys/kernel/ksimtest/value").value(), "7\n");
    ASSERT_FALSE(vfs.write_all("/sys/kernel/ksimtest/value", "42\n", false).is_error());
    EXPECT_EQ(g_value, 42);
    EXPECT_EQ(vfs.read_all("/sys/kernel/ksimtest/value").value(), "42\n");
    EXPECT_EQ(vfs.write_all("/sys/kernel/ksimtest/ro", "1", false).error().code, EACCES);
    vfs::Credentials user{1000, 1000};
    EXPECT_EQ(vfs.write_all("/sys/kernel/ksimtest/value", "1", false, user).error().code, EACCES);
    EXPECT_EQ(vfs.read_all("/sys/kernel/ksimtest/value", user).value(), "42\n");
    kobject_put(ko);
    EXPECT_EQ(vfs.stat("/sys/kernel/ksimtest").error().code, ENOENT);
}

unsigned short hide_second(kobject*, attribute*, int n) {
    return n == 1 ? 0 : 0444;
}

TEST(VfsSysfs, GroupsHonourIsVisibleAndNames) {
    Kernel kernel;
    kobject* ko = kobject_create_and_add("grp", kernel_kobj);
    static kobj_attribute a = {{"a", 0644}, ro_show, nullptr};
    static kobj_attribute b = {{"b", 0644}, ro_show, nullptr};
    static attribute* attrs[] = {&a.attr, &b.attr, nullptr};
    static attribute_group group = {"sub", hide_second, nullptr, attrs, nullptr};
    ASSERT_EQ(sysfs_create_group(ko, &group), 0);
    auto names = kernel.vfs().list("/sys/kernel/grp/sub");
    ASSERT_FALSE(names.is_error());
    EXPECT_EQ(names.value(), std::vector<std::string>{"a"});
    EXPECT_EQ(kernel.vfs().stat("/sys/kernel/grp/sub/a").value().mode & 0777, 0444);
    sysfs_remove_group(ko, &group);
    EXPECT_EQ(kernel.vfs().stat("/sys/kernel/grp/sub").error().code, ENOENT);
    kobject_put(ko);
}

TEST(VfsSysfs, EmitRefusesBuffersThatAreNotTheSysfsPage) {
    Kernel kernel;
    alignas(4096) static char page[4096];
    EXPECT_EQ(sysfs_emit(page, "%s-%d\n", "x", 5), 4);
    EXPECT_STREQ(page, "x-5\n");
    EXPECT_EQ(sysfs_emit_at(page, 4, "more\n"), 5);
    EXPECT_STREQ(page, "x-5\nmore\n");
    EXPECT_EQ(sysfs_emit(page + 1, "bad"), 0);
    EXPECT_NE(kernel.log().records().back().text.find("invalid sysfs_emit: buf:"),
              std::string::npos);
    EXPECT_EQ(sysfs_emit_at(page, 4096, "x"), 0);
}

} // namespace
