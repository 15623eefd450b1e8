// x86-64 relocation arithmetic and range checks (loader/arch/x86_64).
#include "loader/arch/x86_64.h"

#include <gtest/gtest.h>

#include <elf.h>

#include <cstring>

namespace {

using ksim::loader::x86_64::apply;
using ksim::loader::x86_64::RelocationStatus;

TEST(X86_64Relocation, Absolute64WritesSymbolPlusAddend) {
    uint8_t buf[8] = {};
    uint64_t v = 0;
    ASSERT_EQ(apply(R_X86_64_64, buf, 0x1122334455660000, 0x10, &v), RelocationStatus::Ok);
    uint64_t got;
    std::memcpy(&got, buf, 8);
    EXPECT_EQ(got, 0x1122334455660010u);
}

TEST(X86_64Relocation, PcRelativeIsRelativeToLocation) {
    alignas(8) uint8_t buf[16] = {};
    uint64_t v = 0;
    auto loc = reinterpret_cast<uint64_t>(buf + 4);
    ASSERT_EQ(apply(R_X86_64_PC32, buf + 4, loc + 0x100, -4, &v), RelocationStatus::Ok);
    int32_t got;
    std::memcpy(&got, buf + 4, 4);
    EXPECT_EQ(got, 0x100 - 4);
    ASSERT_EQ(apply(R_X86_64_PLT32, buf + 8, loc - 0x40, -4, &v), RelocationStatus::Ok);
    std::memcpy(&got, buf + 8, 4);
    EXPECT_EQ(got, -0x40 - 4 - 4);
}

TEST(X86_64Relocation, Abs32RejectsValuesAbove4G) {
    uint8_t buf[4] = {};
    uint64_t v = 0;
    EXPECT_EQ(apply(R_X86_64_32, buf, 0x100000000ull, 0, &v), RelocationStatus::Overflow);
    EXPECT_EQ(apply(R_X86_64_32, buf, 0xfffffff0ull, 0, &v), RelocationStatus::Ok);
}

TEST(X86_64Relocation, Abs32SRejectsValuesThatDoNotSignExtend) {
    uint8_t buf[4] = {};
    uint64_t v = 0;
    EXPECT_EQ(apply(R_X86_64_32S, buf, 0x80000000ull, 0, &v), RelocationStatus::Overflow);
    uint8_t buf2[4] = {};
    EXPECT_EQ(apply(R_X86_64_32S, buf2, 0xffffffff80000000ull, 0, &v), RelocationStatus::Ok);
}

TEST(X86_64Relocation, PcRelativeOutOfRangeIsOverflow) {
    alignas(8) uint8_t buf[4] = {};
    uint64_t v = 0;
    auto loc = reinterpret_cast<uint64_t>(buf);
    EXPECT_EQ(apply(R_X86_64_PC32, buf, loc + (1ull << 33), 0, &v), RelocationStatus::Overflow);
}

TEST(X86_64Relocation, NonZeroTargetIsRefused) {
    uint8_t buf[8] = {1, 0, 0, 0, 0, 0, 0, 0};
    uint64_t v = 0;
    EXPECT_EQ(apply(R_X86_64_64, buf, 0x1000, 0, &v), RelocationStatus::NonZeroTarget);
}

TEST(X86_64Relocation, UnknownTypeIsReported) {
    uint8_t buf[8] = {};
    uint64_t v = 0;
    EXPECT_EQ(apply(R_X86_64_GOTPCREL, buf, 0, 0, &v), RelocationStatus::Unknown);
    EXPECT_EQ(apply(R_X86_64_NONE, buf, 0x55, 0, &v), RelocationStatus::Ok);
}

} // namespace
