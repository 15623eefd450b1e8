#pragma once
// Kernel time since boot. Wall-clock by default; the virtual clock makes
// timestamps deterministic (each reading advances by a fixed step) so that
// runs and tests compare byte for byte.

#include <atomic>
#include <chrono>
#include <cstdint>

namespace ksim {

class Clock {
  public:
    explicit Clock(bool virtual_time = false)
        : m_virtual(virtual_time), m_boot(std::chrono::steady_clock::now()) {}

    // Nanoseconds since boot (local_clock()).
    uint64_t now_ns() const {
        if (m_virtual)
            return m_virtual_ns.fetch_add(virtual_step_ns) + virtual_step_ns;
        return std::chrono::duration_cast<std::chrono::nanoseconds>(
                   std::chrono::steady_clock::now() - m_boot)
            .count();
    }
    // The same time without stepping the virtual clock: for readers that
    // poll (the jiffies tick), which must not change the log's timestamps.
    uint64_t peek_ns() const {
        if (m_virtual)
            return m_virtual_ns.load();
        return std::chrono::duration_cast<std::chrono::nanoseconds>(
                   std::chrono::steady_clock::now() - m_boot)
            .count();
    }
    bool is_virtual() const { return m_virtual; }
    // Moves virtual time forward (msleep and timers under the virtual clock).
    void advance(uint64_t ns) const { m_virtual_ns.fetch_add(ns); }

    static constexpr uint64_t virtual_step_ns = 1000;

  private:
    bool m_virtual;
    std::chrono::steady_clock::time_point m_boot;
    mutable std::atomic<uint64_t> m_virtual_ns{0};
};

} // namespace ksim
