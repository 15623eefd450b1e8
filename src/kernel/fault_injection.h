#pragma once
// Allocation-failure injection, like Linux's failslab with
// /proc/self/task/<tid>/fail-nth: counts the failable calls that modules make
// (kmalloc family, vmalloc, kstrdup, ... anything that can return -ENOMEM)
// and makes the N-th one fail. Calls are counted only when made from module
// code, so ksim's own allocations never shift the numbering.

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

namespace ksim {

class Kernel;

struct InjectedFailure {
    uint64_t nth = 0;
    uint64_t call_site = 0; // return address in the module
    std::string function; // the kernel function that failed ("__kmalloc")
    std::string site; // "hello_init+0x1a/0x60 [hello]"
};

class FaultInjector {
  public:
    // fail_nth 0 disables injection; counting still happens.
    explicit FaultInjector(uint64_t fail_nth) : m_fail_nth(fail_nth) {}

    // Called by each failable exported function with its caller's address.
    // Returns true when this call must fail.
    bool should_fail(Kernel& kernel, uint64_t call_site, const char* function);

    // Failable calls made from module code so far.
    uint64_t calls() const { return m_calls.load(); }
    uint64_t fail_nth() const { return m_fail_nth; }
    std::optional<InjectedFailure> injected() const;

  private:
    uint64_t m_fail_nth;
    std::atomic<uint64_t> m_calls{0};
    mutable std::mutex m_lock;
    std::optional<InjectedFailure> m_injected;
};

} // namespace ksim
