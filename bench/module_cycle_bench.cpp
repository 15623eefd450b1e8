// Module load+init+exit+unload cycles per second in one embedded kernel,
// against dlopen()+dlclose() of a small shared object in the same process
// (the host's own loader doing the comparable job), printed as a ratio.
//
// usage: ksim_module_cycle_bench MODULE.ko SHARED.so [seconds]
#include "elf/elf_file.h"
#include "kernel/kernel.h"
#include "loader/delete_module.h"
#include "loader/load_module.h"

#include <dlfcn.h>
#include <fmt/core.h>

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
        if (!body())
            return -1;
        ++n;
    }
    double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    return double(n) / elapsed;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        fmt::print(stderr, "usage: {} MODULE.ko SHARED.so [seconds]\n", argv[0]);
        return 2;
    }
    std::string ko = argv[1], so = argv[2];
    double seconds = argc > 3 ? std::atof(argv[3]) : 1.0;
    auto bytes = ksim::elf::read_file(ko);
    if (bytes.is_error()) {
        fmt::print(stderr, "cannot read {}\n", ko);
        return 1;
    }
    ksim::Kernel kernel;
    std::string name = ko.substr(ko.find_last_of('/') + 1);
    name = name.substr(0, name.size() - 3);
    double ksim_rate = per_second(seconds, [&] {
        if (ksim::load_module(kernel, ko, bytes.value(), "").error != 0)
            return false;
        return ksim::delete_module(kernel, name, false).error == 0;
    });
    double dl_rate = per_second(seconds, [&] {
        void* handle = dlopen(so.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (handle == nullptr)
            return false;
        return dlclose(handle) == 0;
    });
    if (ksim_rate < 0 || dl_rate < 0) {
        fmt::print(stderr, "a cycle failed\n");
        return 1;
    }
    fmt::print("module cycles (insmod+init+exit+rmmod): {:.0f}/s\n", ksim_rate);
    fmt::print("dlopen+dlclose of a shared object:      {:.0f}/s\n", dl_rate);
    fmt::print("ratio ksim/dlopen: {:.2f}\n", ksim_rate / dl_rate);
    return 0;
}
