// Classes, class devices and misc devices: their /dev nodes, the
// /sys/class/<class>/<dev>/dev attribute and misc's dynamic minors.
#include "kernel/kernel.h"
#include "vfs/vfs.h"

#include <gtest/gtest.h>

#include <fcntl.h>

extern "C" {
struct ksim_class* __class_create(struct module* owner, const char* name, void* key);
void class_destroy(struct ksim_class* cls);
struct device* device_create(struct ksim_class* cls, struct device* parent, unsigned devt,
                             void* drvdata, const char* fmt, ...);
void device_destroy(struct ksim_class* cls, unsigned devt);
int misc_register(struct miscdevice* misc);
void misc_deregister(struct miscdevice* misc);
}

namespace {

using namespace ksim;
using namespace ksim::vfs;

bool is_err(const void* p) {
    return reinterpret_cast<unsigned long>(p) >= -4095UL;
}

TEST(VfsDevices, DeviceCreateMakesTheDevNodeAndSysfsDev) {
    Kernel kernel;
    auto* cls = __class_create(nullptr, "probecls", nullptr);
    ASSERT_FALSE(is_err(cls));
    // A second class of the same name fails as class_register does.
    EXPECT_EQ(reinterpret_cast<long>(__class_create(nullptr, "probecls", nullptr)), -EEXIST);
    struct device* dev = device_create(cls, nullptr, make_dev(246, 0), nullptr, "probe%d", 1);
    ASSERT_FALSE(is_err(dev));
    EXPECT_STREQ(dev->ksim_name, "probe1");
    Vfs& vfs = kernel.vfs();
    EXPECT_EQ(vfs.read_all("/sys/class/probecls/probe1/dev").value(), "246:0\n");
    auto st = vfs.stat("/dev/probe1");
    ASSERT_FALSE(st.is_error());
    EXPECT_EQ(st.value().kind, NodeKind::CharDevice);
    EXPECT_EQ(st.value().mode, 020600); // crw------- as devtmpfs makes it
    EXPECT_EQ(st.value().rdev, make_dev(246, 0));
    device_destroy(cls, make_dev(246, 0));
    EXPECT_EQ(vfs.stat("/dev/probe1").error().code, ENOENT);
    class_destroy(cls);
    EXPECT_EQ(vfs.stat("/sys/class/probecls").error().code, ENOENT);
}

int g_misc_open_saw_private = 0;
int misc_test_open(struct inode*, struct file* f) {
    g_misc_open_saw_private = f->private_data != nullptr;
    return 0;
}

TEST(VfsDevices, MiscDevicesGetDynamicMinorsAsTheReferenceGuest) {
    Kernel kernel;
    static file_operations fops{};
    fops.open = misc_test_open;
    static miscdevice a{};
    static miscdevice b{};
    a.minor = b.minor = 255;
    a.name = "probemisc1";
    b.name = "probemisc2";
    a.fops = b.fops = &fops;
    ASSERT_EQ(misc_register(&a), 0);
    ASSERT_EQ(misc_register(&b), 0);
    EXPECT_EQ(a.minor, 124);
    EXPECT_EQ(b.minor, 123);
    Vfs& vfs = kernel.vfs();
    EXPECT_EQ(vfs.read_all("/sys/class/misc/probemisc1/dev").value(), "10:124\n");
    // misc_open finds the driver by minor and hands it the miscdevice.
    auto h = vfs.open("/dev/probemisc2", O_RDONLY);
    ASSERT_FALSE(h.is_error()) << h.error().code;
    EXPECT_EQ(g_misc_open_saw_private, 1);
    ASSERT_FALSE(vfs.close(h.value()).is_error());
    misc_deregister(&a);
    EXPECT_EQ(vfs.stat("/dev/probemisc1").error().code, ENOENT);
    static miscdevice c{};
    c.minor = 255;
    c.name = "probemisc3";
    c.fops = &fops;
    ASSERT_EQ(misc_register(&c), 0);
    EXPECT_EQ(c.minor, 124); // the freed minor is reused first
    misc_deregister(&b);
    misc_deregister(&c);
}

long misc_test_read(struct file*, char*, unsigned long count, long long*) {
    return static_cast<long>(count);
}

// do_dentry_open() sets FMODE_CAN_READ from the operations misc_open()
// installs, not from the misc class's own (which have no read): a misc
// driver's read is reached.
TEST(VfsDevices, MiscDeviceReadReachesTheDriversOperations) {
    Kernel kernel;
    static file_operations fops{};
    fops.read = misc_test_read;
    static miscdevice m{};
    m.minor = 255;
    m.name = "probemiscread";
    m.fops = &fops;
    ASSERT_EQ(misc_register(&m), 0);
    Vfs& vfs = kernel.vfs();
    auto h = vfs.open("/dev/probemiscread", O_RDONLY);
    ASSERT_FALSE(h.is_error()) << h.error().code;
    auto data = vfs.read(h.value(), 3);
    ASSERT_FALSE(data.is_error()) << data.error().code;
    EXPECT_EQ(data.value().size(), 3u);
    // Opened for reading only: a write is -EBADF, as vfs_write() says.
    EXPECT_EQ(vfs.write(h.value(), "x").error().code, EBADF);
    ASSERT_FALSE(vfs.close(h.value()).is_error());
    misc_deregister(&m);
}

} // namespace
