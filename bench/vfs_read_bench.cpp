// read() calls per second on a module's character device in-process, through
// vfs::Vfs (what ksim's script commands use), against read() on the host's
// /dev/zero in the same run. bench_chardev_read.sh adds the FUSE mount.
//
// usage: ksim_vfs_read_bench ZERO_DEV.ko [seconds]
#include "elf/elf_file.h"
#include "kernel/kernel.h"
#include "loader/delete_module.h"
#include "loader/load_module.h"
#include "vfs/vfs.h"

#include <fcntl.h>
#include <fmt/core.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>

namespace {

using Clock = std::chrono::steady_clock;

template <typename F> double per_second(double seconds, F&& body) {
    uint64_t n = 0;
    auto start = Clock::now();
    auto until = start + std::chrono::duration<double>(seconds);
    while (Clock::now() < until) {
        for (int i = 0; i < 64; ++i)
            if (!body())
                return -1;
        n += 64;
    }
    double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    return double(n) / elapsed;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        fmt::print(stderr, "usage: {} ZERO_DEV.ko [seconds]\n", argv[0]);
        return 2;
    }
    std::string ko = argv[1];
    double seconds = argc > 2 ? std::atof(argv[2]) : 1.0;
    auto bytes = ksim::elf::read_file(ko);
    if (bytes.is_error()) {
        fmt::print(stderr, "cannot read {}\n", ko);
        return 1;
    }
    ksim::Kernel kernel;
    if (ksim::load_module(kernel, ko, bytes.value(), "").error != 0) {
        fmt::print(stderr, "insmod {} failed\n", ko);
        return 1;
    }
    auto& vfs = kernel.vfs();
    auto h = vfs.open("/dev/zero_dev", O_RDONLY);
    int host_fd = open("/dev/zero", O_RDONLY);
    if (h.is_error() || host_fd < 0) {
        fmt::print(stderr, "cannot open /dev/zero_dev or /dev/zero\n");
        return 1;
    }
    static char buffer[4096];
    for (size_t size : {size_t(1), size_t(4096)}) {
        double ksim_rate = per_second(seconds, [&] {
            auto data = vfs.read(h.value(), size);
            return !data.is_error() && data.value().size() == size;
        });
        double host_rate = per_second(
            seconds, [&] { return read(host_fd, buffer, size) == static_cast<ssize_t>(size); });
        if (ksim_rate < 0 || host_rate < 0) {
            fmt::print(stderr, "a read failed\n");
            return 1;
        }
        fmt::print(
            "{:>4}-byte read() in-process (Vfs): {:>10.0f}/s   host /dev/zero: {:>10.0f}/s   "
            "ratio {:.2f}\n",
            size, ksim_rate, host_rate, ksim_rate / host_rate);
    }
    (void)vfs.close(h.value());
    close(host_fd);
    (void)ksim::delete_module(kernel, "zero_dev", false);
    return 0;
}
