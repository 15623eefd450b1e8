// Bitmap searches that modules call when the size is not a small constant
// (lib/find_bit.c; the inline cases are in include/linux/find.h). Each
// returns the index found, or `size` when there is none; bits past `size`
// in the last word are ignored.
#include "api/export.h"

#include <climits>

namespace {

constexpr unsigned long kBits = sizeof(unsigned long) * CHAR_BIT;

unsigned long last_word_mask(unsigned long size) {
    return ~0UL >> (-size & (kBits - 1));
}

// The first index >= start where word(i) has a bit set; word() may combine
// or invert bitmaps.
template <class Word> unsigned long find_from(unsigned long size, unsigned long start, Word word) {
    if (start >= size)
        return size;
    unsigned long i = start / kBits;
    unsigned long bits = word(i) & (~0UL << (start % kBits));
    while (bits == 0) {
        if ((i + 1) * kBits >= size)
            return size;
        bits = word(++i);
    }
    unsigned long found = i * kBits + static_cast<unsigned long>(__builtin_ctzl(bits));
    return found < size ? found : size;
}

} // namespace

extern "C" {

unsigned long _find_next_bit(const unsigned long* addr, unsigned long nbits, unsigned long start) {
    return find_from(nbits, start, [&](unsigned long i) { return addr[i]; });
}

unsigned long _find_next_and_bit(const unsigned long* addr1, const unsigned long* addr2,
                                 unsigned long nbits, unsigned long start) {
    return find_from(nbits, start, [&](unsigned long i) { return addr1[i] & addr2[i]; });
}

unsigned long _find_next_zero_bit(const unsigned long* addr, unsigned long nbits,
                                  unsigned long start) {
    return find_from(nbits, start, [&](unsigned long i) { return ~addr[i]; });
}

unsigned long _find_first_bit(const unsigned long* addr, unsigned long size) {
    return _find_next_bit(addr, size, 0);
}

unsigned long _find_first_and_bit(const unsigned long* addr1, const unsigned long* addr2,
                                  unsigned long size) {
    return _find_next_and_bit(addr1, addr2, size, 0);
}

unsigned long _find_first_zero_bit(const unsigned long* addr, unsigned long size) {
    return _find_next_zero_bit(addr, size, 0);
}

unsigned long _find_last_bit(const unsigned long* addr, unsigned long size) {
    if (size == 0)
        return size;
    unsigned long i = (size - 1) / kBits;
    unsigned long bits = addr[i] & last_word_mask(size);
    for (;;) {
        if (bits != 0)
            return i * kBits + (kBits - 1 - static_cast<unsigned long>(__builtin_clzl(bits)));
        if (i == 0)
            return size;
        bits = addr[--i];
    }
}

} // extern "C"

EXPORT_SYMBOL_KSIM(_find_next_bit)
EXPORT_SYMBOL_KSIM(_find_next_and_bit)
EXPORT_SYMBOL_KSIM(_find_next_zero_bit)
EXPORT_SYMBOL_KSIM(_find_first_bit)
EXPORT_SYMBOL_KSIM(_find_first_and_bit)
EXPORT_SYMBOL_KSIM(_find_first_zero_bit)
EXPORT_SYMBOL_KSIM(_find_last_bit)
