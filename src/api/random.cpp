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

void get_random_bytes(void* buf, size_t len) { fill_random(buf, len); }
EXPORT_SYMBOL_KSIM(get_random_bytes)
uint8_t get_random_u8(void) { return random_value<uint8_t>(); }
EXPORT_SYMBOL_KSIM(get_random_u8)
uint16_t get_random_u16(void) { return random_value<uint16_t>(); }
EXPORT_SYMBOL_KSIM(get_random_u16)
uint32_t get_random_u32(void) { return random_value<uint32_t>(); }
EXPORT_SYMBOL_KSIM(get_random_u32)
uint64_t get_random_u64(void) { return random_value<uint64_t>(); }
EXPORT_SYMBOL_KSIM(get_random_u64)

// A uniform value in [0, ceil) without modulo bias (Lemire's method, as
// the kernel's __get_random_u32_below uses); 0 for ceil 0.
uint32_t get_random_u32_below(uint32_t ceil) {
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
EXPORT_SYMBOL_KSIM(get_random_u32_below)

// 6.1 still exports prandom_u32 for old callers.
uint32_t prandom_u32(void) { return get_random_u32(); }
EXPORT_SYMBOL_KSIM(prandom_u32)

} // extern "C"
