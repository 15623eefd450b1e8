// Char device numbers and file_operations dispatch through the simulated
// VFS, with fake drivers written as C functions with the kernel's layout.
#include "kernel/kernel.h"
#include "vfs/open_file.h"
#include "vfs/vfs.h"

#include <gtest/gtest.h>

#include <fcntl.h>

#include <cstring>

extern "C" {
int alloc_chrdev_region(unsigned* dev, unsigned baseminor, unsigned count, const char* name);
int register_chrdev_region(unsigned from, unsigned count, const char* name);
void unregister_chrdev_region(unsigned from, unsigned count);
int __register_chrdev(unsigned major, unsigned baseminor, unsigned count, const char* name,
                      const struct file_operations* fops);
void __unregister_chrdev(unsigned major, unsigned baseminor, unsigned count, const char* name);
void cdev_init(struct cdev* cdev, const struct file_operations* fops);
int cdev_add(struct cdev* p, unsigned dev, unsigned count);
void cdev_del(struct cdev* p);
long simple_read_from_buffer(void* to, unsigned long count, long long* ppos, const void* from,
                             unsigned long available);
unsigned long _copy_from_user(void* to, const void* from, unsigned long n);
long long default_llseek(struct file* file, long long offset, int whence);
}

namespace {

using namespace ksim;
using namespace ksim::vfs;

// A counting device: each open reads "opened N times\n".
int g_opens = 0;
int g_releases = 0;
char g_msg[64];
int fake_open(struct inode*, struct file* f) {
    ++g_opens;
    std::snprintf(g_msg, sizeof g_msg, "opened %d times\n", g_opens);
    f->private_data = g_msg;
    return 0;
}
int fake_release(struct inode*, struct file*) {
    ++g_releases;
    return 0;
}
long fake_read(struct file* f, char* buf, unsigned long n, long long* pos) {
    const char* msg = static_cast<const char*>(f->private_data);
    return simple_read_from_buffer(buf, n, pos, msg, std::strlen(msg));
}
char g_written[64];
long fake_write(struct file*, const char* buf, unsigned long n, long long*) {
    if (n >= sizeof g_written)
        n = sizeof g_written - 1;
    if (_copy_from_user(g_written, buf, n) != 0)
        return -EFAULT;
    g_written[n] = '\0';
    return static_cast<long>(n);
}
long fake_ioctl(struct file*, unsigned cmd, unsigned long arg) {
    if (cmd == 1)
        return static_cast<long>(arg) * 2;
    return -515; // -ENOIOCTLCMD
}

file_operations counting_fops() {
    file_operations f{};
    f.open = fake_open;
    f.release = fake_release;
    f.read = fake_read;
    f.write = fake_write;
    f.unlocked_ioctl = fake_ioctl;
    return f;
}

TEST(VfsChrdev, DynamicMajorsStartBelowTheReferenceGuestsBuiltins) {
    Kernel kernel;
    unsigned dev1 = 0, dev2 = 0;
    ASSERT_EQ(alloc_chrdev_region(&dev1, 0, 4, "first"), 0);
    ASSERT_EQ(alloc_chrdev_region(&dev2, 3, 1, "second"), 0);
    EXPECT_EQ(dev_major(dev1), 246u);
    EXPECT_EQ(dev_minor(dev1), 0u);
    EXPECT_EQ(dev_major(dev2), 245u);
    EXPECT_EQ(dev_minor(dev2), 3u);
    // Overlapping a registered range is -EBUSY; a neighbouring one is fine.
    EXPECT_EQ(register_chrdev_region(make_dev(246, 2), 4, "clash"), -EBUSY);
    EXPECT_EQ(register_chrdev_region(make_dev(246, 4), 4, "next"), 0);
    auto devices = kernel.vfs().read_all("/proc/devices");
    ASSERT_FALSE(devices.is_error());
    EXPECT_NE(devices.value().find("\n153 spi\n245 second\n246 first\n246 next\n247 cxl\n"),
              std::string::npos)
        << devices.value();
    EXPECT_EQ(devices.value().substr(0, 26), "Character devices:\n  1 mem");
    EXPECT_NE(devices.value().find("\n\nBlock devices:\n259 blkext\n"), std::string::npos);
    unregister_chrdev_region(dev1, 4);
    unsigned dev3 = 0;
    ASSERT_EQ(alloc_chrdev_region(&dev3, 0, 1, "third"), 0);
    EXPECT_EQ(dev_major(dev3), 244u); // 246 still has "next"
}

TEST(VfsChrdev, MajorAboveMaximumIsRefusedWithTheKernelsMessage) {
    Kernel kernel;
    EXPECT_EQ(register_chrdev_region(make_dev(600, 0), 1, "big"), -EINVAL);
    auto records = kernel.log().records();
    ASSERT_FALSE(records.empty());
    EXPECT_NE(records.back().text.find(
                  "CHRDEV \"big\" major requested (600) is greater than the maximum (511)"),
              std::string::npos);
}

TEST(VfsChrdev, ReadsWritesAndIoctlsReachTheDriver) {
    Kernel kernel;
    g_opens = g_releases = 0;
    static file_operations fops = counting_fops();
    int major = __register_chrdev(0, 0, 256, "counting", &fops);
    ASSERT_EQ(major, 246);
    Vfs& vfs = kernel.vfs();
    ASSERT_FALSE(vfs.mknod("/dev/counting", major, 0).is_error());
    auto first = vfs.read_all("/dev/counting");
    auto second = vfs.read_all("/dev/counting");
    ASSERT_FALSE(first.is_error());
    EXPECT_EQ(first.value(), "opened 1 times\n");
    EXPECT_EQ(second.value(), "opened 2 times\n");
    EXPECT_EQ(g_releases, 2);

    auto h = vfs.open("/dev/counting", O_RDWR);
    ASSERT_FALSE(h.is_error());
    EXPECT_EQ(vfs.read(h.value(), 4).value(), "open");
    EXPECT_EQ(vfs.read(h.value(), 100).value(), "ed 3 times\n");
    EXPECT_EQ(vfs.read(h.value(), 100).value(), "");
    EXPECT_EQ(vfs.write(h.value(), "hello").value(), 5u);
    EXPECT_STREQ(g_written, "hello");
    EXPECT_EQ(vfs.ioctl(h.value(), 1, 21).value(), 42);
    // A driver's -ENOIOCTLCMD reaches user space as -ENOTTY.
    EXPECT_EQ(vfs.ioctl(h.value(), 2, 0).error().code, ENOTTY);
    // No ->llseek: vfs_llseek falls back to no_llseek.
    EXPECT_EQ(vfs.lseek(h.value(), 0, SEEK_SET).error().code, ESPIPE);
    // No ->poll: DEFAULT_POLLMASK.
    EXPECT_EQ(vfs.poll(h.value()).value(), 0x145u);
    ASSERT_FALSE(vfs.close(h.value()).is_error());
    EXPECT_EQ(g_releases, 3);
    __unregister_chrdev(major, 0, 256, "counting");
    // With the cdev gone, opening the node is -ENXIO as chrdev_open says.
    EXPECT_EQ(vfs.open("/dev/counting", O_RDONLY).error().code, ENXIO);
}

TEST(VfsChrdev, NullMembersDefaultAsLinux) {
    Kernel kernel;
    static file_operations fops{};
    fops.llseek = default_llseek;
    static struct cdev c;
    cdev_init(&c, &fops);
    ASSERT_EQ(cdev_add(&c, make_dev(240, 0), 1), 0);
    Vfs& vfs = kernel.vfs();
    ASSERT_FALSE(vfs.mknod("/dev/empty", 240, 0).is_error());
    auto h = vfs.open("/dev/empty", O_RDWR);
    ASSERT_FALSE(h.is_error());
    EXPECT_EQ(vfs.read(h.value(), 1).error().code, EINVAL);     // no ->read
    EXPECT_EQ(vfs.write(h.value(), "x").error().code, EINVAL);  // no ->write
    EXPECT_EQ(vfs.ioctl(h.value(), 1, 0).error().code, ENOTTY); // no ->unlocked_ioctl
    EXPECT_EQ(vfs.lseek(h.value(), 10, SEEK_SET).value(), 10);
    EXPECT_EQ(vfs.lseek(h.value(), 5, SEEK_CUR).value(), 15);
    EXPECT_EQ(vfs.lseek(h.value(), -20, SEEK_CUR).error().code, EINVAL);
    ASSERT_FALSE(vfs.close(h.value()).is_error());
    auto ro = vfs.open("/dev/empty", O_RDONLY);
    EXPECT_EQ(vfs.write(ro.value(), "x").error().code, EBADF);
    cdev_del(&c);
}

TEST(VfsChrdev, ModeBitsBindNonRootCallers) {
    Kernel kernel;
    Vfs& vfs = kernel.vfs();
    ASSERT_FALSE(vfs.mknod("/dev/ro", 241, 0, 0444).is_error());
    Credentials user{1000, 1000};
    EXPECT_EQ(vfs.open("/dev/ro", O_WRONLY, user).error().code, EACCES);
    // Root passes the mode check and reaches the (missing) driver.
    EXPECT_EQ(vfs.open("/dev/ro", O_WRONLY).error().code, ENXIO);
    // A non-root writer of a 0444 /proc file is refused at open; root gets
    // to the missing write method: -EIO (pde_write).
    EXPECT_EQ(vfs.write_all("/proc/devices", "x", false, user).error().code, EACCES);
    EXPECT_EQ(vfs.write_all("/proc/devices", "x", false).error().code, EIO);
}

} // namespace
