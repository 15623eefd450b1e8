// kstrto*() and friends (lib/kstrtox.c): strict parsing, one trailing
// newline, -ERANGE/-EINVAL; simple_strto*, memparse and the hex helpers.
#include "api/kstrtox.h"
#include "kernel/kernel.h"

#include <cerrno>
#include <climits>
#include <cstdint>
#include <gtest/gtest.h>
#include <string>

extern "C" {
int hex_to_bin(unsigned char ch);
int hex2bin(uint8_t* dst, const char* src, size_t count);
char* bin2hex(char* dst, const void* src, size_t count);
int hex_dump_to_buffer(const void* buf, size_t len, int rowsize, int groupsize, char* linebuf,
                       size_t linebuflen, bool ascii);
}

namespace {

TEST(Kstrtox, Bases) {
    unsigned long long v = 0;
    EXPECT_EQ(kstrtoull("0x1f", 0, &v), 0);
    EXPECT_EQ(v, 31u);
    EXPECT_EQ(kstrtoull("017", 0, &v), 0);
    EXPECT_EQ(v, 15u);
    EXPECT_EQ(kstrtoull("1f", 16, &v), 0);
    EXPECT_EQ(v, 31u);
    EXPECT_EQ(kstrtoull("0X1F", 16, &v), 0);
    EXPECT_EQ(v, 31u);
    EXPECT_EQ(kstrtoull("+5", 10, &v), 0);
    EXPECT_EQ(v, 5u);
    EXPECT_EQ(kstrtoull("0", 0, &v), 0);
    EXPECT_EQ(v, 0u);
}

TEST(Kstrtox, Rejections) {
    unsigned long long v = 77;
    EXPECT_EQ(kstrtoull("", 10, &v), -EINVAL);
    EXPECT_EQ(kstrtoull("12a", 10, &v), -EINVAL);
    EXPECT_EQ(kstrtoull(" 12", 10, &v), -EINVAL);
    EXPECT_EQ(kstrtoull("12\n\n", 10, &v), -EINVAL);
    EXPECT_EQ(kstrtoull("-1", 10, &v), -EINVAL);
    EXPECT_EQ(kstrtoull("0x", 16, &v), -EINVAL);
    EXPECT_EQ(kstrtoull("09", 0, &v), -EINVAL); // octal
    EXPECT_EQ(v, 77u);                          // untouched on error
    EXPECT_EQ(kstrtoull("12\n", 10, &v), 0);
    EXPECT_EQ(v, 12u);
    EXPECT_EQ(kstrtoull("18446744073709551616", 10, &v), -ERANGE);
    EXPECT_EQ(kstrtoull("18446744073709551615", 10, &v), 0);
}

TEST(Kstrtox, SignedAndNarrow) {
    long long ll;
    EXPECT_EQ(kstrtoll("-9223372036854775808", 10, &ll), 0);
    EXPECT_EQ(ll, LLONG_MIN);
    EXPECT_EQ(kstrtoll("9223372036854775808", 10, &ll), -ERANGE);
    EXPECT_EQ(kstrtoll("-9223372036854775809", 10, &ll), -ERANGE);
    EXPECT_EQ(kstrtoll("--1", 10, &ll), -EINVAL);
    EXPECT_EQ(kstrtoll("-+1", 10, &ll), -EINVAL);
    int i;
    EXPECT_EQ(kstrtoint("2147483648", 10, &i), -ERANGE);
    EXPECT_EQ(kstrtoint("-2147483648", 10, &i), 0);
    EXPECT_EQ(i, INT_MIN);
    unsigned char u8;
    EXPECT_EQ(kstrtou8("256", 10, &u8), -ERANGE);
    EXPECT_EQ(kstrtou8("255", 10, &u8), 0);
    signed char s8;
    EXPECT_EQ(kstrtos8("-129", 10, &s8), -ERANGE);
    EXPECT_EQ(kstrtos8("-128", 10, &s8), 0);
    short s16;
    EXPECT_EQ(kstrtos16("0x7fff", 0, &s16), 0);
    EXPECT_EQ(s16, 0x7fff);
    unsigned u;
    EXPECT_EQ(kstrtouint("-0", 10, &u), -EINVAL);
}

TEST(Kstrtox, Bool) {
    bool b = false;
    for (const char* t : {"y", "Y", "1", "yes", "on", "ON", "t", "True"}) {
        b = false;
        EXPECT_EQ(kstrtobool(t, &b), 0) << t;
        EXPECT_TRUE(b) << t;
    }
    for (const char* f : {"n", "N", "0", "no", "off", "oFf", "f", "false"}) {
        b = true;
        EXPECT_EQ(kstrtobool(f, &b), 0) << f;
        EXPECT_FALSE(b) << f;
    }
    for (const char* bad : {"", "o", "2", "x", "oq"})
        EXPECT_EQ(kstrtobool(bad, &b), -EINVAL) << bad;
}

TEST(Kstrtox, SimpleStrtoAndMemparse) {
    char* end;
    EXPECT_EQ(simple_strtoull("0x10zz", &end, 0), 16u);
    EXPECT_STREQ(end, "zz");
    EXPECT_EQ(simple_strtol("-42abc", &end, 10), -42);
    EXPECT_STREQ(end, "abc");
    EXPECT_EQ(simple_strtoull("zz", &end, 10), 0u);
    EXPECT_STREQ(end, "zz");
    EXPECT_EQ(memparse("4K", &end), 4096u);
    EXPECT_EQ(memparse("2m,", &end), 2u << 20);
    EXPECT_STREQ(end, ",");
    EXPECT_EQ(memparse("1G", nullptr), 1ull << 30);
    EXPECT_EQ(memparse("0x10", &end), 16u);
}

TEST(Hex, Helpers) {
    EXPECT_EQ(hex_to_bin('a'), 10);
    EXPECT_EQ(hex_to_bin('F'), 15);
    EXPECT_EQ(hex_to_bin('g'), -1);
    uint8_t out[2];
    EXPECT_EQ(hex2bin(out, "a0FF", 2), 0);
    EXPECT_EQ(out[0], 0xa0);
    EXPECT_EQ(out[1], 0xff);
    EXPECT_EQ(hex2bin(out, "zz", 1), -EINVAL);
    char text[8] = {};
    EXPECT_EQ(bin2hex(text, out, 2), text + 4);
    EXPECT_STREQ(text, "a0ff");
}

TEST(Hex, DumpToBuffer) {
    ksim::Kernel kernel;
    const char data[] = "ABCDEFGHIJKLMNOPQ";
    char line[200];
    int n = hex_dump_to_buffer(data, 16, 16, 1, line, sizeof line, true);
    EXPECT_STREQ(line, "41 42 43 44 45 46 47 48 49 4a 4b 4c 4d 4e 4f 50  ABCDEFGHIJKLMNOP");
    EXPECT_EQ(n, static_cast<int>(strlen(line)));
    hex_dump_to_buffer(data, 8, 16, 4, line, sizeof line, false);
    EXPECT_STREQ(line, "44434241 48474645");
    hex_dump_to_buffer(data, 3, 16, 1, line, sizeof line, true);
    // The ASCII column starts at rowsize * 2 + rowsize / groupsize + 1.
    EXPECT_EQ(std::string(line), "41 42 43" + std::string(49 - 8, ' ') + "ABC");
}

// Rows Linux 6.1 produced for the same calls (oracle).
TEST(Hex, DumpMatchesRealKernel) {
    ksim::Kernel kernel;
    const char data[] = "0123456789abcdefXYZ";
    char line[200];
    EXPECT_EQ(hex_dump_to_buffer(data, 16, 16, 4, line, sizeof line, true), 53);
    EXPECT_STREQ(line, "33323130 37363534 62613938 66656463  0123456789abcdef");
    // Six bytes do not fill a group of 8: bytes, and the ASCII column of a
    // 32-byte row of single bytes.
    EXPECT_EQ(hex_dump_to_buffer(data, 6, 32, 8, line, sizeof line, true), 103);
    EXPECT_EQ(std::string(line), "30 31 32 33 34 35" + std::string(97 - 17, ' ') + "012345");
    hex_dump_to_buffer(data, 16, 16, 2, line, sizeof line, true);
    EXPECT_STREQ(line, "3130 3332 3534 3736 3938 6261 6463 6665  0123456789abcdef");
    char* end;
    EXPECT_EQ(simple_strtol("-0x10", &end, 0), -16);
    EXPECT_EQ(simple_strtoull("0777", &end, 0), 511u);
    EXPECT_EQ(memparse("3M", &end), 3145728u);
}

} // namespace
