// Unit tests for DebugLines: compile a small C file with gcc -g into a
// relocatable object and map section offsets back to its source lines.
#include "elf/debug_lines.h"
#include "elf/elf_file.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace {

namespace fs = std::filesystem;

class DebugLinesTest : public ::testing::Test {
  protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() /
                ("ksim-debug-lines-" +
                 std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                 std::to_string(getpid()));
        fs::create_directories(m_dir);
        m_source = (m_dir / "lines.c").string();
        std::ofstream(m_source) << "int counter;\n"                             // 1
                                   "\n"                                         // 2
                                   "int helper(int x)\n"                        // 3
                                   "{\n"                                        // 4
                                   "    counter += x;\n"                        // 5
                                   "    return counter * 3;\n"                  // 6
                                   "}\n"                                        // 7
                                   "\n"                                         // 8
                                   "__attribute__((section(\".init.text\")))\n" // 9
                                   "int start(void)\n"                          // 10
                                   "{\n"                                        // 11
                                   "    return helper(2) + 1;\n"                // 12
                                   "}\n";                                       // 13
        m_object = (m_dir / "lines.o").string();
        std::string command =
            "gcc -std=gnu11 -O0 -g -fno-pic -fno-pie -c -o '" + m_object + "' '" + m_source + "'";
        ASSERT_EQ(std::system(command.c_str()), 0) << command;
    }
    // Links lines.o and a second object into one .ko-like object with
    // `ld -r`, as ksim's build links modules.
    void link_with_other() {
        std::string other = (m_dir / "other.c").string();
        std::ofstream(other) << "int other_value;\n"
                                "int other_function(int y)\n"
                                "{\n"
                                "    other_value = y;\n"
                                "    return y + 1;\n"
                                "}\n";
        std::string other_object = (m_dir / "other.o").string();
        std::string linked = (m_dir / "linked.ko").string();
        std::string command = "gcc -O0 -g -fno-pic -fno-pie -c -o '" + other_object + "' '" +
                              other + "' && ld -r -m elf_x86_64 -o '" + linked + "' '" + m_object +
                              "' '" + other_object + "'";
        ASSERT_EQ(std::system(command.c_str()), 0) << command;
        m_object = linked;
    }

    void TearDown() override { fs::remove_all(m_dir); }

    uint64_t symbol_offset(std::string_view name) {
        auto bytes = ksim::elf::read_file(m_object);
        EXPECT_FALSE(bytes.is_error());
        auto file = ksim::elf::ElfFile::parse(bytes.value());
        EXPECT_FALSE(file.is_error());
        const auto* symbol = file.value().find_symbol(name);
        EXPECT_NE(symbol, nullptr);
        return symbol ? symbol->value : 0;
    }

    fs::path m_dir;
    std::string m_source;
    std::string m_object;
};

TEST_F(DebugLinesTest, MapsFunctionEntriesToTheirLines) {
    auto lines = ksim::elf::DebugLines::open(m_object);
    ASSERT_FALSE(lines.is_error()) << lines.error().message;

    auto helper = lines.value().lookup(".text", symbol_offset("helper"));
    ASSERT_FALSE(helper.is_error()) << helper.error().message;
    EXPECT_EQ(fs::path(helper.value().file).filename(), "lines.c");
    EXPECT_EQ(helper.value().line, 4);
    EXPECT_EQ(helper.value().function, "helper");
    EXPECT_EQ(helper.value().to_string(), helper.value().file + ":4");

    // A function in another section: its relocated line entries must be
    // found relative to that section, not .text.
    auto start = lines.value().lookup(".init.text", symbol_offset("start"));
    ASSERT_FALSE(start.is_error()) << start.error().message;
    EXPECT_EQ(start.value().line, 11);
    EXPECT_EQ(start.value().function, "start");
}

TEST_F(DebugLinesTest, FindsLinesInsideAFunctionBody) {
    auto lines = ksim::elf::DebugLines::open(m_object);
    ASSERT_FALSE(lines.is_error());
    // Every offset of helper's body maps to one of its lines (4-7), and some
    // offset maps to the statement on line 5.
    bool saw_body_line = false;
    for (uint64_t off = symbol_offset("helper"); off < symbol_offset("helper") + 16; ++off) {
        auto where = lines.value().lookup(".text", off);
        ASSERT_FALSE(where.is_error()) << where.error().message;
        EXPECT_GE(where.value().line, 4);
        EXPECT_LE(where.value().line, 7);
        saw_body_line |= where.value().line == 5;
    }
    EXPECT_TRUE(saw_body_line);
}

TEST_F(DebugLinesTest, ReportsUnknownSectionsAndOffsets) {
    auto lines = ksim::elf::DebugLines::open(m_object);
    ASSERT_FALSE(lines.is_error());
    EXPECT_EQ(lines.value().lookup(".nosuch", 0).error().code, ENOENT);
    EXPECT_EQ(lines.value().lookup(".text", 1 << 20).error().code, ENOENT);
}

TEST_F(DebugLinesTest, AppliesDebugRelocationsOfALinkedModule) {
    link_with_other();
    const uint64_t offset = symbol_offset("other_function");
    ASSERT_GT(offset, 0u) << "other.o's code should follow lines.o's in .text";
    auto lines = ksim::elf::DebugLines::open(m_object);
    ASSERT_FALSE(lines.is_error()) << lines.error().message;
    auto other = lines.value().lookup(".text", offset);
    ASSERT_FALSE(other.is_error()) << other.error().message;
    EXPECT_EQ(fs::path(other.value().file).filename(), "other.c");
    EXPECT_EQ(other.value().line, 3);
    EXPECT_EQ(other.value().function, "other_function");
    auto helper = lines.value().lookup(".text", symbol_offset("helper"));
    ASSERT_FALSE(helper.is_error());
    EXPECT_EQ(fs::path(helper.value().file).filename(), "lines.c");
    EXPECT_EQ(helper.value().line, 4);
}

TEST(DebugLines, RejectsNonElfBytes) {
    const uint8_t junk[] = {'n', 'o', 't', ' ', 'e', 'l', 'f'};
    EXPECT_TRUE(ksim::elf::DebugLines::from_bytes(junk, "junk").is_error());
    EXPECT_TRUE(ksim::elf::DebugLines::open("/nonexistent/file.ko").is_error());
}

} // namespace
