// get_random_bytes and the get_random_u* family (mirrors the exported half of
// drivers/char/random.c). Backed by the host's getrandom(), which is what
// the kernel's own CRNG would give: unpredictable, never blocking after boot.
#include "api/export.h"

#include <cstdint>
#include <sys/random.h>

namespace {
void fill_random(void* buf, size_t len) {
    auto* p = static_cast<char*>(buf);
    while (len != 0) {
        ssize_t n = getrandom(p, len, 0);
        if (n <= 0)
            continue; // EINTR; getrandom does not fail otherwise once seeded
        p += n;
        len -= static_cast<size_t>(n);
    }
}
template <typename T> T random_value() {
    T v;
    fill_random(&v, sizeof v);
    return v;
}
} // namespace

extern "C" {

void get_random_bytes(void* buf, size_t len) {
    fill_random(buf, len);
}
EXPORT_SYMBOL_KSIM(get_random_bytes)
uint8_t get_random_u8(void) {
    return random_value<uint8_t>();
}
EXPORT_SYMBOL_KSIM(get_random_u8)
uint16_t get_random_u16(void) {
    return random_value<uint16_t>();
}
EXPORT_SYMBOL_KSIM(get_random_u16)
uint32_t get_random_u32(void) {
    return random_value<uint32_t>();
}
EXPORT_SYMBOL_KSIM(get_random_u32)
uint64_t get_random_u64(void) {
    return random_value<uint64_t>();
}
EXPORT_SYMBOL_KSIM(get_random_u64)

// A uniform value in [0, ceil) without modulo bias (Lemire's method, as
// the kernel's __get_random_u32_below uses); 0 for ceil 0.
uint32_t __get_random_u32_below(uint32_t ceil) {
    if (ceil == 0)
        return 0;
    uint64_t mult = uint64_t{ceil} * get_random_u32();
    if (static_cast<uint32_t>(mult) < ceil) {
        uint32_t bound = -ceil % ceil;
        while (static_cast<uint32_t>(mult) < bound)
            mult = uint64_t{ceil} * get_random_u32();
    }
    return static_cast<uint32_t>(mult >> 32);
}
EXPORT_SYMBOL_KSIM(__get_random_u32_below)

// The host's pool is always initialised.
int wait_for_random_bytes(void) {
    return 0;
}
EXPORT_SYMBOL_KSIM(wait_for_random_bytes)

// lib/random32.c: L'Ecuyer's LFSR113 generator over struct rnd_state, so a
// module seeding its own state gets the same sequence as on Linux.
struct rnd_state {
    uint32_t s1, s2, s3, s4;
};

static uint32_t lfsr_step(uint32_t s, unsigned a, unsigned b, uint32_t c, unsigned d) {
    return ((s & c) << d) ^ (((s << a) ^ s) >> b);
}

uint32_t prandom_u32_state(rnd_state* state) {
    state->s1 = lfsr_step(state->s1, 6, 13, 4294967294U, 18);
    state->s2 = lfsr_step(state->s2, 2, 27, 4294967288U, 2);
    state->s3 = lfsr_step(state->s3, 13, 21, 4294967280U, 7);
    state->s4 = lfsr_step(state->s4, 3, 12, 4294967168U, 13);
    return state->s1 ^ state->s2 ^ state->s3 ^ state->s4;
}
EXPORT_SYMBOL_KSIM(prandom_u32_state)

// Whole words first, then the low bytes of one more value for the tail.
void prandom_bytes_state(rnd_state* state, void* buf, size_t nbytes) {
    auto* p = static_cast<uint8_t*>(buf);
    for (; nbytes >= 4; nbytes -= 4, p += 4) {
        uint32_t v = prandom_u32_state(state);
        for (int i = 0; i < 4; ++i)
            p[i] = static_cast<uint8_t>(v >> (8 * i));
    }
    if (nbytes != 0) {
        uint32_t v = prandom_u32_state(state);
        for (size_t i = 0; i < nbytes; ++i, v >>= 8)
            p[i] = static_cast<uint8_t>(v);
    }
}
EXPORT_SYMBOL_KSIM(prandom_bytes_state)

// 6.1 still exports prandom_u32 for old callers.
uint32_t prandom_u32(void) {
    return get_random_u32();
}
EXPORT_SYMBOL_KSIM(prandom_u32)

} // extern "C"
