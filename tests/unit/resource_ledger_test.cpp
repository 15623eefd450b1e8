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

extern "C" {
struct proc_dir_entry;
struct seq_file;
int alloc_chrdev_region(unsigned* dev, unsigned baseminor, unsigned count, const char* name);
void unregister_chrdev_region(unsigned from, unsigned count);
proc_dir_entry* proc_mkdir(const char* name, proc_dir_entry* parent);
proc_dir_entry* proc_create_single_data(const char* name, unsigned short mode,
                                        proc_dir_entry* parent,
                                        int (*show)(struct seq_file*, void*), void* data);
void proc_remove(proc_dir_entry* de);
}

namespace {

int show_nothing(struct seq_file*, void*) {
    return 0;
}

// The exported functions record their caller (here: this test's code).
TEST(ResourceLedger, ChrdevRegionsAreRecordedUntilUnregistered) {
    ksim::Kernel kernel;
    auto& ledger = kernel.api().resources;
    size_t before = ledger.size();
    unsigned dev = 0;
    ASSERT_EQ(alloc_chrdev_region(&dev, 2, 3, "ledgertest"), 0);
    ASSERT_EQ(ledger.size(), before + 1);
    unregister_chrdev_region(dev, 3);
    EXPECT_EQ(ledger.size(), before);
    ASSERT_EQ(alloc_chrdev_region(&dev, 0, 1, "kept"), 0);
    auto taken = ledger.take_from(0, UINT64_MAX);
    ASSERT_FALSE(taken.empty());
    const auto& r = taken.back();
    EXPECT_EQ(r.kind, "chrdev region");
    EXPECT_EQ(r.what, std::to_string(dev >> 20) + ":0-0 \"kept\"");
    EXPECT_NE(r.call_site, 0u);
    ASSERT_TRUE(r.undo);
    r.undo(); // unregisters: the region can be had again
    ASSERT_EQ(alloc_chrdev_region(&dev, 0, 1, "kept"), 0);
}

TEST(ResourceLedger, ProcEntriesGoWithTheirDirectory) {
    ksim::Kernel kernel;
    auto& ledger = kernel.api().resources;
    proc_dir_entry* dir = proc_mkdir("ledgerdir", nullptr);
    ASSERT_NE(dir, nullptr);
    ASSERT_NE(proc_create_single_data("f", 0, dir, show_nothing, nullptr), nullptr);
    auto entries = ledger.take_from(0, UINT64_MAX);
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].path, "/proc/ledgerdir");
    EXPECT_EQ(entries[1].path, "/proc/ledgerdir/f");
    EXPECT_TRUE(entries[1].alive());
    proc_remove(dir); // removes the file too
    EXPECT_FALSE(entries[0].alive());
    EXPECT_FALSE(entries[1].alive());
}

} // namespace
