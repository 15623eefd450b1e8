// ApiState: the per-boot %p key. See api_state.h.
#include "api/api_state.h"

#include "vfs/fs_abi.h"

#include <random>

namespace ksim {

ApiState::~ApiState() = default;

ApiState::ApiState() {
    std::random_device rd;
    m_key[0] = (uint64_t{rd()} << 32) | rd();
    m_key[1] = (uint64_t{rd()} << 32) | rd();
    // kernel/printk/printk.c: DEFINE_RATELIMIT_STATE(printk_ratelimit_state, 5 * HZ, 10)
    printk_ratelimit.interval = 5 * 250;
    printk_ratelimit.burst = 10;
}

uint64_t ApiState::pointer_hash(uint64_t ptr) const {
    // A keyed 64-bit mix (two rounds of splitmix64's finaliser); not
    // SipHash, but equally unguessable for the purpose of hiding addresses
    // from log readers in a simulator.
    uint64_t x = ptr ^ m_key[0];
    for (int round = 0; round < 2; ++round) {
        x += 0x9e3779b97f4a7c15ULL + m_key[1];
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
        x ^= x >> 31;
    }
    return x;
}

} // namespace ksim
