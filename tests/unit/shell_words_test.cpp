// Script word splitting (quotes, escapes, comments).
#include "cli/shell.h"

#include <gtest/gtest.h>

namespace {

std::vector<std::string> words(const std::string& line) {
    std::vector<std::string> out;
    EXPECT_TRUE(ksim::cli::split_words(line, out));
    return out;
}

TEST(ShellWords, SplitsOnBlanks) {
    EXPECT_EQ(words("insmod  hello.ko\tcount=3"),
              (std::vector<std::string>{"insmod", "hello.ko", "count=3"}));
}

TEST(ShellWords, QuotesKeepSpaces) {
    EXPECT_EQ(words("insmod p.ko who='a b' msg=\"x \\\"y\\\"\""),
              (std::vector<std::string>{"insmod", "p.ko", "who=a b", "msg=x \"y\""}));
}

TEST(ShellWords, CommentsEndTheLine) {
    EXPECT_EQ(words("lsmod # list"), (std::vector<std::string>{"lsmod"}));
    EXPECT_EQ(words("echo a#b"), (std::vector<std::string>{"echo", "a#b"}));
}

TEST(ShellWords, UnterminatedQuoteFails) {
    std::vector<std::string> out;
    EXPECT_FALSE(ksim::cli::split_words("echo 'oops", out));
}

} // namespace
