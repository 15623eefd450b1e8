// srcversion; see srcversion.h.
#include "kbuild/srcversion.h"

#include "elf/elf_file.h"

#include <fmt/format.h>

#include <array>
#include <cctype>

namespace ksim::kbuild {

namespace {

uint32_t rotl(uint32_t x, unsigned s) {
    return (x << s) | (x >> (32 - s));
}

// One 64-byte block. Words are read most-significant byte first, which is
// what modpost's ntohl() calls do on x86.
void md4_block(std::array<uint32_t, 4>& h, const uint8_t* p, bool big_endian_words) {
    uint32_t x[16];
    for (int i = 0; i < 16; ++i) {
        const uint8_t* b = p + 4 * i;
        x[i] = big_endian_words
                   ? (uint32_t(b[0]) << 24 | uint32_t(b[1]) << 16 | uint32_t(b[2]) << 8 | b[3])
                   : (uint32_t(b[3]) << 24 | uint32_t(b[2]) << 16 | uint32_t(b[1]) << 8 | b[0]);
    }
    uint32_t a = h[0], bb = h[1], c = h[2], d = h[3];
    auto f = [](uint32_t u, uint32_t v, uint32_t w) { return (u & v) | (~u & w); };
    auto g = [](uint32_t u, uint32_t v, uint32_t w) { return (u & v) | (u & w) | (v & w); };
    auto hh = [](uint32_t u, uint32_t v, uint32_t w) { return u ^ v ^ w; };
    static constexpr unsigned r1[4] = {3, 7, 11, 19};
    for (int i = 0; i < 16; ++i) {
        uint32_t t = rotl(a + f(bb, c, d) + x[i], r1[i % 4]);
        a = d, d = c, c = bb, bb = t;
    }
    static constexpr unsigned r2[4] = {3, 5, 9, 13};
    for (int i = 0; i < 16; ++i) {
        int k = (i % 4) * 4 + i / 4;
        uint32_t t = rotl(a + g(bb, c, d) + x[k] + 0x5A827999u, r2[i % 4]);
        a = d, d = c, c = bb, bb = t;
    }
    static constexpr unsigned r3[4] = {3, 9, 11, 15};
    static constexpr int order3[16] = {0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15};
    for (int i = 0; i < 16; ++i) {
        uint32_t t = rotl(a + hh(bb, c, d) + x[order3[i]] + 0x6ED9EBA1u, r3[i % 4]);
        a = d, d = c, c = bb, bb = t;
    }
    h[0] += a, h[1] += bb, h[2] += c, h[3] += d;
}

} // namespace

std::string modpost_md4_hex(std::string_view data) {
    std::array<uint32_t, 4> h = {0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u};
    size_t full = data.size() / 64 * 64;
    auto* bytes = reinterpret_cast<const uint8_t*>(data.data());
    for (size_t i = 0; i < full; i += 64)
        md4_block(h, bytes + i, true);
    // The final block(s): 0x80, zeros, then the bit length. modpost swaps
    // only the first 14 words of the last block, so the length words are
    // little-endian while the data words are big-endian.
    uint8_t tail[128] = {};
    size_t rest = data.size() - full;
    std::copy(bytes + full, bytes + data.size(), tail);
    tail[rest] = 0x80;
    size_t blocks = rest + 1 > 56 ? 2 : 1;
    if (blocks == 2)
        md4_block(h, tail, true);
    uint8_t* last = tail + (blocks - 1) * 64;
    uint64_t bits = uint64_t(data.size()) << 3;
    // Words 14 and 15 go in unswapped: write them so that the big-endian
    // read below yields the native values.
    for (int i = 0; i < 4; ++i) {
        last[56 + i] = uint8_t(uint32_t(bits) >> (24 - 8 * i));
        last[60 + i] = uint8_t(uint32_t(bits >> 32) >> (24 - 8 * i));
    }
    md4_block(h, last, true);
    std::string out;
    for (uint32_t w : h)
        out += fmt::format("{:02X}{:02X}{:02X}{:02X}", w & 0xff, (w >> 8) & 0xff, (w >> 16) & 0xff,
                           w >> 24);
    return out;
}

std::string srcversion_tokens(std::string_view f) {
    std::string out;
    size_t n = f.size();
    for (size_t i = 0; i < n; ++i) {
        if (f[i] == '\\' && i + 1 < n && f[i + 1] == '\n') {
            ++i; // line continuation
            continue;
        }
        if (std::isspace(static_cast<unsigned char>(f[i])))
            continue;
        if (f[i] == '"') {
            // A string literal is kept whole, whitespace included.
            out += f[i];
            size_t j = i + 1;
            for (; j < n; ++j) {
                out += f[j];
                if (f[j] == '"' && f[j - 1] != '\\')
                    break;
            }
            i = j;
            continue;
        }
        if (f[i] == '/' && i + 1 < n && f[i + 1] == '*') {
            size_t j = i + 2;
            while (j < n && !(f[j - 1] == '*' && f[j] == '/'))
                ++j;
            i = j;
            continue;
        }
        out += f[i];
    }
    return out;
}

ErrorOr<std::string> srcversion(const std::vector<std::string>& files) {
    std::string all;
    for (const auto& path : files) {
        auto bytes = KSIM_TRY(elf::read_file(path));
        all += srcversion_tokens(
            std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
    }
    return modpost_md4_hex(all).substr(0, 23);
}

} // namespace ksim::kbuild
