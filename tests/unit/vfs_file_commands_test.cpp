// The script commands over the VFS: cat of a char device twice, echo
// redirected into it, head -c, dd's record counts, ls -l of a device node,
// mknod, ioctl with an _IOR buffer, and busybox's error texts.
#include "cli/file_commands.h"
#include "kernel/kernel.h"
#include "vfs/vfs.h"

#include <gtest/gtest.h>

#include <cstring>

extern "C" {
int __register_chrdev(unsigned major, unsigned baseminor, unsigned count, const char* name,
                      const struct file_operations* fops);
long simple_read_from_buffer(void* to, unsigned long count, long long* ppos, const void* from,
                             unsigned long available);
long simple_write_to_buffer(void* to, unsigned long available, long long* ppos, const void* from,
                            unsigned long count);
unsigned long _copy_to_user(void* to, const void* from, unsigned long n);
}

namespace {

using namespace ksim;

char g_buffer[32] = "initial\n";
size_t g_length = 8;

long msg_read(struct file*, char* buf, unsigned long n, long long* pos) {
    return simple_read_from_buffer(buf, n, pos, g_buffer, g_length);
}
long msg_write(struct file*, const char* buf, unsigned long n, long long* pos) {
    if (n > 16)
        return -EINVAL; // a driver that refuses long messages
    *pos = 0;
    long got = simple_write_to_buffer(g_buffer, sizeof g_buffer, pos, buf, n);
    if (got > 0)
        g_length = static_cast<size_t>(got);
    return got;
}
long msg_ioctl(struct file*, unsigned cmd, unsigned long arg) {
    // _IOR('k', 1, int): report the message length.
    if (cmd == ((2u << 30) | (4u << 16) | ('k' << 8) | 1)) {
        int len = static_cast<int>(g_length);
        return _copy_to_user(reinterpret_cast<void*>(arg), &len, sizeof len) ? -EFAULT : 0;
    }
    return -ENOTTY;
}

class FileCommands : public ::testing::Test {
  protected:
    void SetUp() override {
        static file_operations fops{};
        fops.read = msg_read;
        fops.write = msg_write;
        fops.unlocked_ioctl = msg_ioctl;
        major = __register_chrdev(0, 0, 256, "msg", &fops);
        shell.add_builtin("echo", [](cli::ShellContext&, const std::vector<std::string>& argv) {
            cli::CommandResult r;
            r.out = argv.size() > 1 ? argv[1] + "\n" : "\n";
            return r;
        });
        cli::add_vfs_file_builtins(shell);
    }
    cli::CommandResult run(const std::string& line) {
        std::vector<std::string> words;
        EXPECT_TRUE(cli::split_words(line, words));
        return shell.run(words);
    }
    Kernel kernel;
    cli::Shell shell{kernel, "/"};
    int major = 0;
};

TEST_F(FileCommands, CatEchoHeadDdAndLs) {
    std::strcpy(g_buffer, "initial\n");
    g_length = 8;
    auto made = run("mknod /dev/msg c " + std::to_string(major) + " 0");
    EXPECT_EQ(made.status, 0) << made.err;
    EXPECT_EQ(run("cat /dev/msg").out, "initial\n");
    EXPECT_EQ(cli::vfs_redirect(shell.context(), "/dev/msg", "hello\n", false), "");
    EXPECT_EQ(run("cat /dev/msg /dev/msg").out, "hello\nhello\n");
    EXPECT_EQ(run("head -c 3 /dev/msg").out, "hel");
    auto dd = run("dd if=/dev/msg bs=4 count=5");
    EXPECT_EQ(dd.out, "hello\n");
    EXPECT_EQ(dd.err, "1+1 records in\n1+1 records out\n");
    EXPECT_EQ(run("ls -l /dev/msg").out,
              "crw-r--r--    1 0        0         246,   0 Jan  1 00:00 /dev/msg\n");
    auto io = run("ioctl /dev/msg 0x80046b01");
    EXPECT_EQ(io.out, "0 06000000\n");
    EXPECT_EQ(run("ioctl /dev/msg 0x6b02").err, "ioctl: Inappropriate ioctl for device\n");
}

TEST_F(FileCommands, BusyboxErrorTexts) {
    auto missing = run("cat /dev/none");
    EXPECT_EQ(missing.err, "cat: can't open '/dev/none': No such file or directory\n");
    EXPECT_EQ(missing.status, 1);
    ASSERT_EQ(run("mknod /dev/msg c " + std::to_string(major) + " 0").status, 0);
    EXPECT_EQ(run("mknod /dev/msg c 1 1").err, "mknod: /dev/msg: File exists\n");
    // The driver refuses the write: busybox sh's message, as on Linux.
    EXPECT_EQ(cli::vfs_redirect(shell.context(), "/dev/msg", std::string(40, 'x'), false),
              "sh: write error: Invalid argument\n");
    // Texts and errors as the reference guest shows them: a /proc file
    // without a write method opens (root) and fails the write with -EIO; a
    // read-only sysfs attribute cannot even be opened for writing.
    EXPECT_EQ(cli::vfs_redirect(shell.context(), "/proc/devices", "x", false),
              "sh: write error: Input/output error\n");
    ASSERT_FALSE(kernel.vfs().tree().create_dirs("/sys/class/c/d", 0755).is_error());
    auto attr = kernel.vfs().tree().create("/sys/class/c/d/dev", vfs::NodeKind::File, 0444);
    attr.value()->callbacks.show = []() -> ErrorOr<std::string> { return std::string("1:2\n"); };
    EXPECT_EQ(cli::vfs_redirect(shell.context(), "/sys/class/c/d/dev", "x", true),
              "sh: can't create /sys/class/c/d/dev: Permission denied\n");
}

} // namespace
