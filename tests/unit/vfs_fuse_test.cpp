// The FUSE mount: a host program's open/read/write/ioctl/lseek/poll on the
// mounted /dev reach the module's file_operations, with the caller's pid as
// current->pid. Skipped where FUSE cannot be mounted.
#include "fuse/fuse_mount.h"
#include "kernel/kernel.h"
#include "kernel/task.h"
#include "vfs/vfs.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>

extern "C" {
int __register_chrdev(unsigned major, unsigned baseminor, unsigned count, const char* name,
                      const struct file_operations* fops);
long simple_read_from_buffer(void* to, unsigned long count, long long* ppos, const void* from,
                             unsigned long available);
long simple_write_to_buffer(void* to, unsigned long available, long long* ppos, const void* from,
                            unsigned long count);
unsigned long _copy_to_user(void* to, const void* from, unsigned long n);
unsigned long _copy_from_user(void* to, const void* from, unsigned long n);
long long default_llseek(struct file* file, long long offset, int whence);
}

namespace {

using namespace ksim;

char g_data[64] = "0123456789";
int g_seen_pid = 0;

long dev_read(struct file*, char* buf, unsigned long n, long long* pos) {
    g_seen_pid = ksim::Kernel::active().tasks().current().pid;
    return simple_read_from_buffer(buf, n, pos, g_data, std::strlen(g_data));
}
long dev_write(struct file*, const char* buf, unsigned long n, long long* pos) {
    return simple_write_to_buffer(g_data, sizeof g_data - 1, pos, buf, n);
}
struct Pair {
    int a, b;
};
const unsigned cmd_sum = (3u << 30) | (sizeof(Pair) << 16) | ('k' << 8) | 1; // _IOWR('k',1,Pair)
long dev_ioctl(struct file*, unsigned cmd, unsigned long arg) {
    if (cmd != cmd_sum)
        return -ENOTTY;
    Pair p;
    if (_copy_from_user(&p, reinterpret_cast<void*>(arg), sizeof p))
        return -EFAULT;
    p.a += p.b;
    return _copy_to_user(reinterpret_cast<void*>(arg), &p, sizeof p) ? -EFAULT : 0;
}

TEST(VfsFuse, HostProgramsReachTheModule) {
    Kernel kernel;
    static file_operations fops{};
    fops.read = dev_read;
    fops.write = dev_write;
    fops.unlocked_ioctl = dev_ioctl;
    fops.llseek = default_llseek;
    int major = __register_chrdev(0, 0, 256, "fusetest", &fops);
    ASSERT_FALSE(
        kernel.vfs().mknod("/dev/fusetest", static_cast<unsigned>(major), 0, 0666).is_error());

    auto dir = std::filesystem::temp_directory_path() / ("ksim-fuse-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    auto mount = fuse::FuseMount::mount(kernel, dir.string());
    if (mount.is_error()) {
        std::filesystem::remove(dir);
        GTEST_SKIP() << "FUSE unavailable: " << mount.error().message;
    }
    std::string dev = (dir / "dev" / "fusetest").string();
    int fd = ::open(dev.c_str(), O_RDWR);
    ASSERT_GE(fd, 0) << std::strerror(errno);
    char buf[32] = {};
    EXPECT_EQ(::read(fd, buf, 4), 4);
    EXPECT_EQ(std::string(buf, 4), "0123");
    EXPECT_EQ(g_seen_pid, getpid());
    EXPECT_EQ(::lseek(fd, 8, SEEK_SET), 8);
    EXPECT_EQ(::read(fd, buf, 10), 2);
    EXPECT_EQ(std::string(buf, 2), "89");
    EXPECT_EQ(::pwrite(fd, "AB", 2, 0), 2);
    EXPECT_EQ(::pread(fd, buf, 3, 0), 3);
    EXPECT_EQ(std::string(buf, 3), "AB2");
    Pair p{40, 2};
    EXPECT_EQ(::ioctl(fd, cmd_sum, &p), 0);
    EXPECT_EQ(p.a, 42);
    EXPECT_EQ(::ioctl(fd, (2u << 30) | (4u << 16) | ('k' << 8) | 9, &p), -1);
    EXPECT_EQ(errno, ENOTTY);
    pollfd pfd{fd, POLLIN, 0};
    EXPECT_EQ(::poll(&pfd, 1, 1000), 1);
    EXPECT_TRUE(pfd.revents & POLLIN); // no ->poll: DEFAULT_POLLMASK
    ::close(fd);
    int ro = ::open((dir / "proc" / "devices").c_str(), O_RDONLY);
    ASSERT_GE(ro, 0);
    char dbuf[64] = {};
    EXPECT_GT(::read(ro, dbuf, sizeof dbuf - 1), 0);
    EXPECT_EQ(std::string(dbuf).substr(0, 19), "Character devices:\n");
    ::close(ro);
    // Real programs in other processes: sh's redirection, cat, dd.
    std::string sh = "echo -n hello > " + dev + " && cat " + dev + " && dd if=" + dev +
                     " bs=2 count=1 2>/dev/null";
    FILE* out = ::popen(sh.c_str(), "r");
    ASSERT_NE(out, nullptr);
    char text[64] = {};
    size_t got = std::fread(text, 1, sizeof text - 1, out);
    EXPECT_EQ(::pclose(out), 0);
    EXPECT_EQ(std::string(text, got), "hello56789he"); // O_TRUNC does not shrink a device
    EXPECT_NE(g_seen_pid, getpid());                   // the reader was cat's or dd's process
    mount = Error::from_errno(0);                      // unmount
    std::filesystem::remove(dir);
}

// A process that exits with a file open (or right after close()): FUSE sends
// the release later; wait_for_exited_openers() waits for it, so the next
// command sees the file closed as Linux would at the process's exit.
TEST(VfsFuse, WaitsForTheReleasesOfExitedProcesses) {
    Kernel kernel;
    static file_operations fops{};
    fops.read = dev_read;
    int major = __register_chrdev(0, 0, 256, "fusewait", &fops);
    ASSERT_FALSE(
        kernel.vfs().mknod("/dev/fusewait", static_cast<unsigned>(major), 0, 0666).is_error());
    auto dir =
        std::filesystem::temp_directory_path() / ("ksim-fusewait-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    auto mount = fuse::FuseMount::mount(kernel, dir.string());
    if (mount.is_error()) {
        std::filesystem::remove(dir);
        GTEST_SKIP() << "FUSE unavailable: " << mount.error().message;
    }
    std::string dev = (dir / "dev" / "fusewait").string();
    for (int i = 0; i < 5; ++i) {
        pid_t pid = fork();
        if (pid == 0) {
            int fd = ::open(dev.c_str(), O_RDONLY);
            _exit(fd >= 0 ? 0 : 1); // leaves it open: the exit closes it
        }
        int status = 0;
        ASSERT_EQ(waitpid(pid, &status, 0), pid);
        ASSERT_EQ(WEXITSTATUS(status), 0);
        mount.value()->wait_for_exited_openers(std::chrono::seconds(2));
        EXPECT_EQ(kernel.vfs().open_count(), 0u) << "round " << i;
    }
    // A process that still runs keeps its file, and is not waited for.
    int fd = ::open(dev.c_str(), O_RDONLY);
    ASSERT_GE(fd, 0);
    auto start = std::chrono::steady_clock::now();
    mount.value()->wait_for_exited_openers(std::chrono::seconds(2));
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
    EXPECT_EQ(kernel.vfs().open_count(), 1u);
    ::close(fd);
    mount = Error::from_errno(0);
    std::filesystem::remove(dir);
}

// The kernel's own files, which the Vfs does not hold, through the mount.
TEST(VfsFuse, ServesTheKernelsModuleFiles) {
    Kernel kernel;
    auto dir =
        std::filesystem::temp_directory_path() / ("ksim-fusemod-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    auto mount = fuse::FuseMount::mount(kernel, dir.string());
    if (mount.is_error()) {
        std::filesystem::remove(dir);
        GTEST_SKIP() << "FUSE unavailable: " << mount.error().message;
    }
    struct stat st {};
    ASSERT_EQ(::stat((dir / "proc" / "modules").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode, S_IFREG | 0444);
    ASSERT_EQ(::stat((dir / "proc" / "sys" / "kernel").c_str(), &st), 0);
    EXPECT_TRUE(S_ISDIR(st.st_mode));
    int fd = ::open((dir / "proc" / "sys" / "kernel" / "tainted").c_str(), O_RDONLY);
    ASSERT_GE(fd, 0);
    char buf[16] = {};
    EXPECT_EQ(::read(fd, buf, sizeof buf), 2);
    EXPECT_STREQ(buf, "0\n");
    ::close(fd);
    EXPECT_EQ(::stat((dir / "sys" / "module" / "nosuch").c_str(), &st), -1);
    EXPECT_EQ(errno, ENOENT);
    mount = Error::from_errno(0);
    std::filesystem::remove(dir);
}

} // namespace
