// debugfs: directories and typed value files under /sys/kernel/debug with
// debugfs's formats, and a file over a driver's fops with i_private.
#include "kernel/kernel.h"
#include "vfs/vfs.h"

#include <gtest/gtest.h>

#include <cstring>

struct dentry;
extern "C" {
dentry* debugfs_create_dir(const char* name, dentry* parent);
dentry* debugfs_create_file(const char* name, unsigned short mode, dentry* parent, void* data,
                            const struct file_operations* fops);
void debugfs_create_u32(const char* name, unsigned short mode, dentry* parent, uint32_t* value);
void debugfs_create_x32(const char* name, unsigned short mode, dentry* parent, uint32_t* value);
void debugfs_create_bool(const char* name, unsigned short mode, dentry* parent, bool* value);
void debugfs_remove(dentry* d);
int simple_open(struct inode* inode, struct file* file);
long simple_read_from_buffer(void* to, unsigned long count, long long* ppos, const void* from,
                             unsigned long available);
}

namespace {

using namespace ksim;

long priv_read(struct file* f, char* buf, unsigned long n, long long* pos) {
    const char* s = static_cast<const char*>(f->private_data);
    return simple_read_from_buffer(buf, n, pos, s, std::strlen(s));
}

TEST(VfsDebugfs, ValueFilesAndDriverFiles) {
    Kernel kernel;
    dentry* dir = debugfs_create_dir("ksimtest", nullptr);
    ASSERT_NE(dir, nullptr);
    static uint32_t counter = 42;
    static uint32_t flags = 0xbeef;
    static bool on = true;
    debugfs_create_u32("counter", 0644, dir, &counter);
    debugfs_create_x32("flags", 0444, dir, &flags);
    debugfs_create_bool("on", 0644, dir, &on);
    static file_operations fops{};
    fops.open = simple_open;
    fops.read = priv_read;
    static char text[] = "private text\n";
    EXPECT_NE(debugfs_create_file("file", 0444, dir, text, &fops), nullptr);
    auto& vfs = kernel.vfs();
    EXPECT_EQ(vfs.read_all("/sys/kernel/debug/ksimtest/counter").value(), "42\n");
    EXPECT_EQ(vfs.read_all("/sys/kernel/debug/ksimtest/flags").value(), "0x0000beef\n");
    EXPECT_EQ(vfs.read_all("/sys/kernel/debug/ksimtest/on").value(), "Y\n");
    ASSERT_FALSE(vfs.write_all("/sys/kernel/debug/ksimtest/counter", "0x10\n", false).is_error());
    EXPECT_EQ(counter, 16u);
    ASSERT_FALSE(vfs.write_all("/sys/kernel/debug/ksimtest/on", "N", false).is_error());
    EXPECT_FALSE(on);
    EXPECT_EQ(vfs.write_all("/sys/kernel/debug/ksimtest/counter", "abc", false).error().code,
              EINVAL);
    EXPECT_EQ(vfs.read_all("/sys/kernel/debug/ksimtest/file").value(), "private text\n");
    debugfs_remove(dir);
    EXPECT_EQ(vfs.stat("/sys/kernel/debug/ksimtest").error().code, ENOENT);
}

} // namespace
