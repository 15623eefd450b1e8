// The printk ring buffer: levels, continuation lines, dmesg formatting.
#include "kernel/clock.h"
#include "kernel/printk_log.h"

#include <gtest/gtest.h>

namespace {

TEST(PrintkLog, LevelPrefixSetsLevelAndIsStripped) {
    ksim::Clock clock(true);
    ksim::PrintkLog log(clock);
    log.printk("\0013oops\n");
    auto records = log.records();
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].level, 3);
    EXPECT_EQ(records[0].text, "oops");
}

TEST(PrintkLog, NoPrefixUsesDefaultLevel) {
    ksim::Clock clock(true);
    ksim::PrintkLog log(clock);
    log.printk("plain\n");
    EXPECT_EQ(log.records().at(0).level, ksim::PrintkLog::default_message_loglevel);
}

TEST(PrintkLog, KernContContinuesTheOpenLine) {
    ksim::Clock clock(true);
    ksim::PrintkLog log(clock);
    log.printk("\0016a");
    log.printk("\001cb");
    log.printk("\001cc\n");
    log.printk("\0016next\n");
    auto records = log.records();
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].text, "abc");
    EXPECT_EQ(records[0].level, 6);
    EXPECT_EQ(records[1].text, "next");
}

TEST(PrintkLog, NewMessageClosesUnterminatedOne) {
    ksim::Clock clock(true);
    ksim::PrintkLog log(clock);
    log.printk("\0016first");
    log.printk("\0016second\n");
    auto records = log.records();
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].text, "first");
    EXPECT_EQ(records[1].text, "second");
}

TEST(PrintkLog, MultipleLinesBecomeRecordsWithSequenceNumbers) {
    ksim::Clock clock(true);
    ksim::PrintkLog log(clock);
    log.printk("one\ntwo\n");
    auto records = log.records();
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].seq + 1, records[1].seq);
    EXPECT_EQ(log.next_seq(), 2u);
}

TEST(PrintkLog, ClearForgetsRecords) {
    ksim::Clock clock(true);
    ksim::PrintkLog log(clock);
    log.emit(6, "x");
    log.clear();
    EXPECT_TRUE(log.records().empty());
}

TEST(PrintkLog, DmesgTimestampFormat) {
    ksim::LogRecord r;
    r.ts_nsec = 1234567891;
    r.text = "hello";
    EXPECT_EQ(ksim::format_dmesg_line(r), "[    1.234567] hello");
    r.ts_nsec = 123000;
    EXPECT_EQ(ksim::format_dmesg_line(r), "[    0.000123] hello");
    EXPECT_EQ(ksim::format_dmesg_line(r, false), "hello");
}

TEST(PrintkLog, ConsoleSeesCompletedRecords) {
    ksim::Clock clock(true);
    ksim::PrintkLog log(clock);
    std::vector<std::string> seen;
    log.set_console([&](const ksim::LogRecord& r) { seen.push_back(r.text); });
    log.printk("\0016part");
    EXPECT_TRUE(seen.empty());
    log.printk("\001c more\n");
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0], "part more");
}

} // namespace
