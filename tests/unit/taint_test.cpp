// Taint letters as Linux prints them.
#include "kernel/taint.h"

#include <gtest/gtest.h>

namespace {

TEST(Taint, OutOfTreeUnsignedModuleLetters) {
    ksim::Taint t;
    EXPECT_EQ(t.describe(), "Not tainted");
    t.add(ksim::TaintFlag::OotModule);
    t.add(ksim::TaintFlag::UnsignedModule);
    EXPECT_EQ(t.mask(), 12288u); // what /proc/sys/kernel/tainted showed on Linux
    EXPECT_EQ(ksim::taint_letters_module(t.mask()), "OE");
    EXPECT_EQ(t.describe(), "Tainted: G           OE     ");
}

TEST(Taint, ProprietaryIsPAndDieIsNotAModuleFlag) {
    uint32_t mask = (1u << 0) | (1u << 7) | (1u << 12);
    EXPECT_EQ(ksim::taint_letters_module(mask), "PO");
    EXPECT_EQ(ksim::taint_letters_full(mask).substr(0, 8), "P      D");
}

TEST(Taint, LockDebuggingIsTurnedOffOnce) {
    ksim::Taint t;
    EXPECT_TRUE(t.turn_off_lock_debugging());
    EXPECT_FALSE(t.turn_off_lock_debugging());
}

} // namespace
