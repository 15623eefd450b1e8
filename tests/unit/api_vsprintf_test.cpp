// The kernel's vsnprintf semantics (lib/vsprintf.c): integer conversions,
// strings, the %p extensions, return values on truncation, and sscanf.
#include "api/vsprintf.h"
#include "kernel/kernel.h"

#include <cerrno>
#include <cstdint>
#include <gtest/gtest.h>
#include <string>

namespace {

using ksim::api::kformat;

struct VaFormat {
    const char* fmt;
    va_list* va;
};

std::string via_pV(const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    VaFormat vaf{fmt, &ap};
    std::string s = kformat("<%pV>", &vaf);
    va_end(ap);
    return s;
}

class Vsprintf : public ::testing::Test {
  protected:
    ksim::Kernel kernel;
};

TEST_F(Vsprintf, Integers) {
    EXPECT_EQ(kformat("%d|%i|%u", -5, 7, 3000000000u), "-5|7|3000000000");
    EXPECT_EQ(kformat("%hhu|%hhd|%hu|%hd", 256 + 255, 255, 65537, 65535), "255|-1|1|-1");
    EXPECT_EQ(kformat("%ld|%lu|%lld|%llu", -1L, ~0UL, -9LL, ~0ULL),
              "-1|18446744073709551615|-9|18446744073709551615");
    EXPECT_EQ(kformat("%zu|%zd|%td|%jd", size_t{42}, ssize_t{-42}, ptrdiff_t{-3}, intmax_t{5}),
              "42|-42|-3|5");
    EXPECT_EQ(kformat("%x|%X|%o|%#x|%#X|%#o", 255, 255, 8, 255, 255, 8), "ff|FF|10|0xff|0XFF|010");
    // As printed by Linux 6.1 (oracle): "0x" even for zero, unlike C99.
    EXPECT_EQ(kformat("[%#x][%#o][%#X]", 0, 0, 0), "[0x0][0][0X0]");
}

TEST_F(Vsprintf, WidthPrecisionFlags) {
    EXPECT_EQ(kformat("[%5d][%-5d][%05d][%+d][% d]", 42, 42, 42, 42, 42),
              "[   42][42   ][00042][+42][ 42]");
    EXPECT_EQ(kformat("[%-08d]", 42), "[42      ]"); // '-' wins over '0'
    EXPECT_EQ(kformat("[%.3d][%8.3d][%-8.3d]", 7, 7, 7), "[007][     007][007     ]");
    EXPECT_EQ(kformat("[%*d][%-*d][%.*d]", 4, 1, 4, 1, 2, 1), "[   1][1   ][01]");
    EXPECT_EQ(kformat("[%*d]", -4, 1), "[1   ]"); // negative width means '-'
    EXPECT_EQ(kformat("[%#10x][%#-10x][%#010x]", 0x1234, 0x1234, 0x1234),
              "[    0x1234][0x1234    ][0x00001234]");
    EXPECT_EQ(kformat("[%5.2s][%-5s][%.0s]", "abcdef", "ab", "xyz"), "[   ab][ab   ][]");
    EXPECT_EQ(kformat("[%c][%3c][%-3c]", 'a', 'b', 'c'), "[a][  b][c  ]");
    EXPECT_EQ(kformat("100%%"), "100%");
}

// Lines a Linux 6.1 module printed under the oracle (tests/unit comment:
// same format strings and arguments).
TEST_F(Vsprintf, MatchesRealKernel) {
    EXPECT_EQ(kformat("B[%.3s][%-08d][%08.3d][%.0d]", static_cast<char*>(nullptr), 42, 7, 0),
              "B[(nu][42      ][00000007][0]");
    EXPECT_EQ(kformat("C[%pe][%pe][%p]", reinterpret_cast<void*>(-4000L),
                      reinterpret_cast<void*>(-517L), nullptr),
              "C[-4000][-EPROBE_DEFER][0000000000000000]");
    unsigned char ip6[16] = {0x20, 1, 0xd, 0xb8};
    ip6[15] = 1;
    uint64_t five = 5;
    EXPECT_EQ(kformat("D[%pI6c][%*ph][%pa]", ip6, 0, ip6, &five),
              "D[2001:db8::1][][0x0000000000000005]");
    char buf[8];
    EXPECT_EQ(ksim_snprintf(buf, sizeof buf, "%5.2s|%c", "abc", 'x'), 7);
    EXPECT_STREQ(buf, "   ab|x");
    EXPECT_EQ(kformat("J [%*d][%-5c|][%+.2d][% 05d]", -4, 1, 'z', 3, 12),
              "J [1   ][z    |][+03][ 0012]");
}

TEST_F(Vsprintf, MoreLinesFromRealKernel) {
    unsigned char u[16];
    for (int i = 0; i < 16; ++i)
        u[i] = static_cast<unsigned char>(i);
    EXPECT_EQ(kformat("[%pUL]", u), "[03020100-0504-0706-0809-0A0B0C0D0E0F]");
    EXPECT_EQ(kformat("Q [%5s][%-5s|][%.1s]", "ab", "ab", "xyz"), "Q [   ab][ab   |][x]");
    EXPECT_EQ(kformat("R [%hhx][%hx][%lx][%zx]", 0x1ff, 0x1ffff, -1L, size_t{0x10}),
              "R [ff][ffff][ffffffffffffffff][10]");
    int a = 0, b = 0;
    char s1[8], s2[8];
    EXPECT_EQ(ksim_sscanf("12 abc 0x1f rest", "%d %s %x %2s", &a, s1, &b, s2), 4);
    EXPECT_STREQ(s2, "re");
    EXPECT_EQ(ksim_sscanf("-", "%d", &a), 0);
}

TEST_F(Vsprintf, BadStringPointers) {
    EXPECT_EQ(kformat("%s", static_cast<const char*>(nullptr)), "(null)");
    EXPECT_EQ(kformat("%.3s", static_cast<const char*>(nullptr)), "(nu");
    EXPECT_EQ(kformat("%s", reinterpret_cast<const char*>(16)), "(efault)");
    EXPECT_EQ(kformat("%s", reinterpret_cast<const char*>(-12L)), "(efault)");
}

TEST_F(Vsprintf, ReturnValueAndTruncation) {
    char buf[8];
    EXPECT_EQ(ksim_snprintf(buf, sizeof buf, "%s", "hello world"), 11);
    EXPECT_STREQ(buf, "hello w");
    EXPECT_EQ(ksim_scnprintf(buf, sizeof buf, "%s", "hello world"), 7);
    EXPECT_EQ(ksim_scnprintf(buf, 0, "%s", "hello"), 0);
    EXPECT_EQ(ksim_snprintf(nullptr, 0, "%d", 12345), 5);
    buf[0] = 'x';
    EXPECT_EQ(ksim_snprintf(buf, 1, "abc"), 3);
    EXPECT_EQ(buf[0], '\0');
}

TEST_F(Vsprintf, UnsupportedConversionStopsOutput) {
    int n = 0;
    EXPECT_EQ(kformat("a%nb%d", &n, 5), "a");
    EXPECT_EQ(n, 0);
}

TEST_F(Vsprintf, PlainPointerIsHashedButStable) {
    int x;
    std::string a = kformat("%p", &x);
    EXPECT_EQ(a.size(), 16u);
    EXPECT_EQ(a.substr(0, 8), "00000000");
    EXPECT_EQ(a, kformat("%p", &x));
    EXPECT_NE(a, kformat("%px", &x));
    EXPECT_EQ(kformat("%pK", &x), a);
    // NULL and error pointers are shown as they are.
    EXPECT_EQ(kformat("%p", nullptr), "0000000000000000");
    EXPECT_EQ(kformat("%p", reinterpret_cast<void*>(-12L)), "fffffffffffffff4");
    EXPECT_EQ(kformat("%px", reinterpret_cast<void*>(0xffff888012345678UL)), "ffff888012345678");
    // Unknown extensions print as %p and are skipped entirely.
    EXPECT_EQ(kformat("%pZZ9|", &x), a + "|");
}

TEST_F(Vsprintf, ErrorPointers) {
    EXPECT_EQ(kformat("%pe", reinterpret_cast<void*>(-static_cast<long>(ENOMEM))), "-ENOMEM");
    EXPECT_EQ(kformat("%pe", reinterpret_cast<void*>(-517L)), "-EPROBE_DEFER");
    EXPECT_EQ(kformat("%pe", reinterpret_cast<void*>(-EAGAIN)), "-EAGAIN");
    EXPECT_EQ(kformat("%pe", reinterpret_cast<void*>(-4000L)), "-4000");
    int x;
    EXPECT_EQ(kformat("%pe", &x), kformat("%p", &x)); // not an ERR_PTR
}

TEST_F(Vsprintf, HexBuffers) {
    const unsigned char b[] = {0x00, 0x01, 0xab, 0xff};
    EXPECT_EQ(kformat("%*ph", 4, b), "00 01 ab ff");
    EXPECT_EQ(kformat("%*phC", 4, b), "00:01:ab:ff");
    EXPECT_EQ(kformat("%*phD", 4, b), "00-01-ab-ff");
    EXPECT_EQ(kformat("%*phN", 4, b), "0001abff");
    EXPECT_EQ(kformat("%ph", b), "00");
    EXPECT_EQ(kformat("%*ph", 0, b), "");
    EXPECT_EQ(kformat("%*ph", 4, nullptr), "(null)");
}

TEST_F(Vsprintf, NetworkAndUuid) {
    const unsigned char mac[] = {0x00, 0x11, 0x22, 0xaa, 0xbb, 0xcc};
    EXPECT_EQ(kformat("%pM", mac), "00:11:22:aa:bb:cc");
    EXPECT_EQ(kformat("%pMR", mac), "cc:bb:aa:22:11:00");
    EXPECT_EQ(kformat("%pMF", mac), "00-11-22-aa-bb-cc");
    EXPECT_EQ(kformat("%pm", mac), "001122aabbcc");
    const unsigned char ip4[] = {192, 168, 1, 2};
    EXPECT_EQ(kformat("%pI4", ip4), "192.168.1.2");
    EXPECT_EQ(kformat("%pi4", ip4), "192.168.001.002");
    unsigned char ip6[16] = {0x20, 0x01, 0x0d, 0xb8};
    ip6[15] = 1;
    EXPECT_EQ(kformat("%pI6c", ip6), "2001:db8::1");
    EXPECT_EQ(kformat("%pI6", ip6), "2001:0db8:0000:0000:0000:0000:0000:0001");
    unsigned char uuid[16];
    for (int i = 0; i < 16; ++i)
        uuid[i] = static_cast<unsigned char>(i);
    EXPECT_EQ(kformat("%pU", uuid), "00010203-0405-0607-0809-0a0b0c0d0e0f");
    EXPECT_EQ(kformat("%pUl", uuid), "03020100-0504-0706-0809-0a0b0c0d0e0f");
    uuid[15] = 0xef;
    EXPECT_EQ(kformat("%pUB", uuid).substr(24), "0A0B0C0D0EEF");
    uint64_t phys = 0x12345678;
    EXPECT_EQ(kformat("%pa", &phys), "0x0000000012345678");
    EXPECT_EQ(kformat("%pad", &phys), "0x0000000012345678");
}

TEST_F(Vsprintf, NestedVaFormat) {
    EXPECT_EQ(via_pV("%s=%d", "x", 3), "<x=3>");
}

TEST_F(Vsprintf, UnknownSymbolFallsBackToHex) {
    EXPECT_EQ(kformat("%ps", reinterpret_cast<void*>(0x1234)), "0x1234");
}

TEST_F(Vsprintf, Sscanf) {
    int a = 0, b = 0;
    char s[16] = {};
    EXPECT_EQ(ksim_sscanf("12 abc 0x1f", "%d %s %x", &a, s, &b), 3);
    EXPECT_EQ(a, 12);
    EXPECT_STREQ(s, "abc");
    EXPECT_EQ(b, 31);
    EXPECT_EQ(ksim_sscanf("  -7,9", "%d,%d", &a, &b), 2);
    EXPECT_EQ(a, -7);
    EXPECT_EQ(b, 9);
    EXPECT_EQ(ksim_sscanf("x=5", "y=%d", &a), 0);
    EXPECT_EQ(ksim_sscanf("12345", "%2d%d", &a, &b), 2);
    EXPECT_EQ(a, 12);
    EXPECT_EQ(b, 345);
    int n = -1;
    EXPECT_EQ(ksim_sscanf("ab 7", "ab %d%n", &a, &n), 1);
    EXPECT_EQ(n, 4);
    unsigned char hh = 0;
    long long ll = 0;
    EXPECT_EQ(ksim_sscanf("300 -5000000000", "%hhu %lld", &hh, &ll), 2);
    EXPECT_EQ(hh, 300 & 0xff);
    EXPECT_EQ(ll, -5000000000LL);
    EXPECT_EQ(ksim_sscanf("0x10 010 9", "%i %i %i", &a, &b, &n), 3);
    EXPECT_EQ(a, 16);
    EXPECT_EQ(b, 8);
    EXPECT_EQ(n, 9);
    char set[8] = {};
    EXPECT_EQ(ksim_sscanf("abc123", "%[a-c]%d", set, &a), 2);
    EXPECT_STREQ(set, "abc");
    EXPECT_EQ(a, 123);
    EXPECT_EQ(ksim_sscanf("", "%d", &a), 0);
}

} // namespace
