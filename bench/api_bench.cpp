// Throughput of the exported API hot paths against the host's equivalents,
// measured in the same run: printk into the ring buffer (vs. glibc snprintf
// of the same message), kmalloc/kfree pairs (vs. malloc/free), and entering
// module code through run_guarded with the switch to the kernel stack (vs.
// a nested entry, which stays on the stack it is on: the same work without
// the switch).
#include "check/guarded_call.h"
#include "kernel/kernel.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>

extern "C" {
int _printk(const char* fmt, ...);
int ksim_snprintf(char* buf, size_t size, const char* fmt, ...);
void* __kmalloc(size_t size, unsigned flags);
void kfree(const void* p);
}

namespace {

template <typename F> double per_second(long n, F&& f) {
    auto start = std::chrono::steady_clock::now();
    for (long i = 0; i < n; ++i)
        f(i);
    std::chrono::duration<double> s = std::chrono::steady_clock::now() - start;
    return static_cast<double>(n) / s.count();
}

} // namespace

int main(int argc, char** argv) {
    long n = argc > 1 ? std::atol(argv[1]) : 200000;
    ksim::Kernel kernel;
    char buf[256];
    volatile int sink = 0;

    double printk_rate = per_second(n, [&](long i) {
        _printk("\0016bench: message %ld from %s at %p\n", i, "api_bench", &buf);
    });
    double snprintf_rate = per_second(n, [&](long i) {
        sink = sink + std::snprintf(buf, sizeof buf, "bench: message %ld from %s at %p\n", i,
                                    "api_bench", static_cast<void*>(&buf));
    });
    double ksnprintf_rate = per_second(n, [&](long i) {
        sink = sink + ksim_snprintf(buf, sizeof buf, "bench: message %ld from %s at %p\n", i,
                                    "api_bench", &buf);
    });
    std::printf("printk:        %10.0f messages/s into the ring buffer\n", printk_rate);
    std::printf("vsnprintf:     %10.0f calls/s (ksim)  vs %10.0f (glibc snprintf): ratio %.2f\n",
                ksnprintf_rate, snprintf_rate, snprintf_rate / ksnprintf_rate);

    const size_t sizes[] = {16, 64, 200, 1024};
    double kmalloc_rate = per_second(n, [&](long i) {
        void* p = __kmalloc(sizes[i & 3], 0xcc0);
        static_cast<char*>(p)[0] = 1;
        kfree(p);
    });
    double malloc_rate = per_second(n, [&](long i) {
        void* p = std::malloc(sizes[i & 3]);
        static_cast<volatile char*>(p)[0] = 1;
        std::free(p);
    });
    std::printf(
        "kmalloc/kfree: %10.0f pairs/s  vs %10.0f malloc/free pairs/s: ksim is %.1fx slower\n",
        kmalloc_rate, malloc_rate, malloc_rate / kmalloc_rate);

    std::function<void()> empty = [&] { sink = sink + 1; };
    double switched_rate = per_second(n, [&](long) { ksim::run_guarded(kernel, empty); });
    double nested_rate = 0;
    ksim::run_guarded(kernel, [&] {
        nested_rate = per_second(n, [&](long) { ksim::run_guarded(kernel, empty); });
    });
    std::printf("run_guarded:   %10.0f entries/s with the kernel-stack switch  vs %10.0f "
                "without (nested): ratio %.2f\n",
                switched_rate, nested_rate, switched_rate / nested_rate);
    return sink == -1;
}
