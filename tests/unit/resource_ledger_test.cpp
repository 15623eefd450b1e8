// The ledger of module registrations checked at rmmod: recording,
// forgetting by key and kind or by group, taking a module's entries, and
// the exported register functions recording their module call site.
#include "kernel/kernel.h"
#include "kernel/resource_ledger.h"

#include <gtest/gtest.h>

namespace {

ksim::Registration reg(const char* kind, uint64_t site, uint64_t group = 0) {
    ksim::Registration r;
    r.kind = kind;
    r.what = kind;
    r.call_site = site;
    r.group = group;
    return r;
}

TEST(ResourceLedger, ForgetAndTake) {
    ksim::ResourceLedger l;
    l.record(uint64_t{1}, reg("chrdev region", 100));
    l.record(uint64_t{1}, reg("cdev", 150));
    l.record(uint64_t{2}, reg("device", 120, 7));
    l.record(uint64_t{3}, reg("device", 130, 7));
    l.record(uint64_t{4}, reg("class", 500));
    EXPECT_EQ(l.size(), 5u);
    l.forget(uint64_t{1}, "chrdev region"); // the cdev with the same key stays
    EXPECT_EQ(l.size(), 4u);
    l.forget_group(7, "device");
    EXPECT_EQ(l.size(), 2u);
    auto taken = l.take_from(100, 200);
    ASSERT_EQ(taken.size(), 1u);
    EXPECT_EQ(taken[0].kind, "cdev");
    EXPECT_EQ(l.size(), 1u);
    EXPECT_TRUE(l.take_from(100, 200).empty());
}

TEST(ResourceLedger, SerialsKeepRegistrationOrder) {
    ksim::ResourceLedger l;
    l.record(uint64_t{9}, reg("a", 1));
    l.record(uint64_t{8}, reg("b", 2));
    auto t = l.take_from(0, 10);
    ASSERT_EQ(t.size(), 2u);
    EXPECT_LT(t[0].serial, t[1].serial);
}

} // namespace
