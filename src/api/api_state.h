#pragma once
// Per-kernel state of the exported API functions that is neither memory nor
// the log: the %p hashing key and printk's own rate limit. It hangs off
// ksim::Kernel (Kernel::api()) so that two kernels never share it.

#include "kernel/resource_ledger.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

struct fasync_struct;

namespace ksim {

class ApiState {
  public:
    ApiState();
    ~ApiState();
    // lib/vsprintf.c ptr_key: secret per boot, so %p values differ between
    // boots but stay stable within one.
    uint64_t pointer_hash(uint64_t ptr) const;

    // kernel/printk/printk.c printk_ratelimit_state (5 s interval, burst 10),
    // stored as the C struct ratelimit_state's fields.
    struct RatelimitFields {
        unsigned lock;
        int interval;
        int burst;
        int printed;
        int missed;
        unsigned long begin;
        unsigned long flags;
    };
    RatelimitFields printk_ratelimit{};

    // kernel/params.c param_lock: serialises parameter set/get
    // (kernel_param_lock). Recursive because a set op may read others.
    std::recursive_mutex param_lock;

    // What modules registered and have not unregistered yet (checked at
    // rmmod by check/resource_leaks.cpp).
    ResourceLedger resources;
    // fs/fcntl.c: the fasync entries modules' lists hold (api/fcntl.cpp),
    // and how many SIGIOs kill_fasync() would have sent.
    std::mutex fasync_lock;
    std::vector<std::unique_ptr<struct fasync_struct>> fasync_entries;
    uint64_t fasync_signals = 0;

  private:
    uint64_t m_key[2];
};

} // namespace ksim
