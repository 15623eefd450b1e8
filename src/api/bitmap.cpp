// Bitmap operations on bitmaps of any size (lib/bitmap.c; one-word
// constant-size bitmaps are handled inline by include/linux/bitmap.h).
// Readers ignore the bits past nbits in the last word.
#include "api/export.h"

#include <climits>

namespace {

constexpr unsigned int kBits = sizeof(unsigned long) * CHAR_BIT;

unsigned int words(unsigned int nbits) {
    return (nbits + kBits - 1) / kBits;
}
unsigned long last_word_mask(unsigned int nbits) {
    return ~0UL >> (-nbits & (kBits - 1));
}

// Calls f(i, mask) for each word, mask selecting the bits below nbits.
template <class F> void each_word(unsigned int nbits, F f) {
    unsigned int n = words(nbits);
    for (unsigned int i = 0; i < n; ++i)
        f(i, i + 1 == n ? last_word_mask(nbits) : ~0UL);
}

} // namespace

extern "C" {

bool __bitmap_equal(const unsigned long* bitmap1, const unsigned long* bitmap2,
                    unsigned int nbits) {
    bool equal = true;
    each_word(nbits,
              [&](unsigned i, unsigned long m) { equal &= ((bitmap1[i] ^ bitmap2[i]) & m) == 0; });
    return equal;
}

void __bitmap_complement(unsigned long* dst, const unsigned long* src, unsigned int nbits) {
    each_word(nbits, [&](unsigned i, unsigned long) { dst[i] = ~src[i]; });
}

bool __bitmap_and(unsigned long* dst, const unsigned long* bitmap1, const unsigned long* bitmap2,
                  unsigned int nbits) {
    unsigned long any = 0;
    each_word(nbits,
              [&](unsigned i, unsigned long m) { any |= (dst[i] = bitmap1[i] & bitmap2[i]) & m; });
    return any != 0;
}

void __bitmap_or(unsigned long* dst, const unsigned long* bitmap1, const unsigned long* bitmap2,
                 unsigned int nbits) {
    each_word(nbits, [&](unsigned i, unsigned long) { dst[i] = bitmap1[i] | bitmap2[i]; });
}

void __bitmap_xor(unsigned long* dst, const unsigned long* bitmap1, const unsigned long* bitmap2,
                  unsigned int nbits) {
    each_word(nbits, [&](unsigned i, unsigned long) { dst[i] = bitmap1[i] ^ bitmap2[i]; });
}

bool __bitmap_andnot(unsigned long* dst, const unsigned long* bitmap1, const unsigned long* bitmap2,
                     unsigned int nbits) {
    unsigned long any = 0;
    each_word(nbits,
              [&](unsigned i, unsigned long m) { any |= (dst[i] = bitmap1[i] & ~bitmap2[i]) & m; });
    return any != 0;
}

bool __bitmap_intersects(const unsigned long* bitmap1, const unsigned long* bitmap2,
                         unsigned int nbits) {
    unsigned long any = 0;
    each_word(nbits, [&](unsigned i, unsigned long m) { any |= bitmap1[i] & bitmap2[i] & m; });
    return any != 0;
}

bool __bitmap_subset(const unsigned long* bitmap1, const unsigned long* bitmap2,
                     unsigned int nbits) {
    unsigned long outside = 0;
    each_word(nbits, [&](unsigned i, unsigned long m) { outside |= bitmap1[i] & ~bitmap2[i] & m; });
    return outside == 0;
}

unsigned int __bitmap_weight(const unsigned long* bitmap, unsigned int nbits) {
    unsigned int weight = 0;
    each_word(nbits, [&](unsigned i, unsigned long m) {
        weight += static_cast<unsigned int>(__builtin_popcountl(bitmap[i] & m));
    });
    return weight;
}

void __bitmap_set(unsigned long* map, unsigned int start, int len) {
    for (unsigned int bit = start; len > 0; ++bit, --len)
        map[bit / kBits] |= 1UL << (bit % kBits);
}

void __bitmap_clear(unsigned long* map, unsigned int start, int len) {
    for (unsigned int bit = start; len > 0; ++bit, --len)
        map[bit / kBits] &= ~(1UL << (bit % kBits));
}

// lib/hweight.c: what x86 calls for hweight*() without POPCNT at build time.
unsigned int __sw_hweight32(unsigned int w) {
    return static_cast<unsigned>(__builtin_popcount(w));
}
unsigned int __sw_hweight16(unsigned int w) {
    return __sw_hweight32(w & 0xffff);
}
unsigned int __sw_hweight8(unsigned int w) {
    return __sw_hweight32(w & 0xff);
}
unsigned long __sw_hweight64(uint64_t w) {
    return static_cast<unsigned long>(__builtin_popcountll(w));
}

} // extern "C"

EXPORT_SYMBOL_KSIM(__bitmap_equal)
EXPORT_SYMBOL_KSIM(__bitmap_complement)
EXPORT_SYMBOL_KSIM(__bitmap_and)
EXPORT_SYMBOL_KSIM(__bitmap_or)
EXPORT_SYMBOL_KSIM(__bitmap_xor)
EXPORT_SYMBOL_KSIM(__bitmap_andnot)
EXPORT_SYMBOL_KSIM(__bitmap_intersects)
EXPORT_SYMBOL_KSIM(__bitmap_subset)
EXPORT_SYMBOL_KSIM(__bitmap_weight)
EXPORT_SYMBOL_KSIM(__bitmap_set)
EXPORT_SYMBOL_KSIM(__bitmap_clear)
EXPORT_SYMBOL_KSIM(__sw_hweight32)
EXPORT_SYMBOL_KSIM(__sw_hweight64)
