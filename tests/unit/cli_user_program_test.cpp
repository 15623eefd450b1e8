// ksim run --prog: parsing the FILE.c ARGS spec, refusing a module's own
// source, building with the host compiler only when out of date, and the
// script line that runs the program.
#include "cli/user_program.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using namespace ksim::cli;

class UserProgramTest : public ::testing::Test {
  protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("ksim-user-program-" + std::to_string(getpid()));
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        std::ofstream(m_dir / "tool.c")
            << "#include \"shared.h\"\nint main(void) { return VALUE; }\n";
        std::ofstream(m_dir / "shared.h") << "#define VALUE 0\n";
        std::ofstream(m_dir / "drv.c") << "/* a module source */\n";
        // What the module build leaves: drv.ko is made of drv.o.
        std::ofstream(m_dir / "drv.mod") << "drv.o\n";
    }
    void TearDown() override { fs::remove_all(m_dir); }
    fs::path m_dir;
};

TEST_F(UserProgramTest, ParsesTheFileAndItsArguments) {
    UserProgram p;
    std::string error;
    ASSERT_TRUE(parse_user_program("tool.c 7 'two words'", m_dir.string(), p, error)) << error;
    EXPECT_EQ(p.source, (m_dir / "tool.c").string());
    EXPECT_EQ(p.binary, (m_dir / "tool").string());
    EXPECT_EQ(p.args, (std::vector<std::string>{"7", "two words"}));
    EXPECT_EQ(user_program_line(p, m_dir.string()), "! ./tool 7 'two words'");
}

TEST_F(UserProgramTest, RefusesWhatIsNotAUserProgramsSource) {
    UserProgram p;
    std::string error;
    EXPECT_FALSE(parse_user_program("drv.c", m_dir.string(), p, error));
    EXPECT_NE(error.find("it is part of module drv.ko (obj-m)"), std::string::npos) << error;
    EXPECT_FALSE(parse_user_program("shared.h", m_dir.string(), p, error));
    EXPECT_NE(error.find("not a C source file"), std::string::npos) << error;
    EXPECT_FALSE(parse_user_program("none.c", m_dir.string(), p, error));
    EXPECT_EQ(error, "ksim run: --prog none.c: No such file or directory\n");
    EXPECT_FALSE(parse_user_program("", m_dir.string(), p, error));
}

TEST_F(UserProgramTest, BuildsOnlyWhenTheSourceOrAHeaderChanged) {
    UserProgram p;
    std::string error;
    ASSERT_TRUE(parse_user_program("tool.c", m_dir.string(), p, error)) << error;
    std::string out;
    ASSERT_EQ(build_user_program(p, out), 0) << out;
    EXPECT_EQ(out, "  HOSTCC  tool\n");
    EXPECT_TRUE(fs::exists(p.binary));
    out.clear();
    EXPECT_EQ(build_user_program(p, out), 0);
    EXPECT_EQ(out, ""); // up to date
    // A newer shared header makes it out of date.
    fs::last_write_time(m_dir / "shared.h",
                        fs::last_write_time(p.binary) + std::chrono::seconds(2));
    EXPECT_EQ(build_user_program(p, out), 0) << out;
    EXPECT_EQ(out, "  HOSTCC  tool\n");
    // A compile error: the compiler's diagnostics, a failed status, no stale binary.
    std::ofstream(m_dir / "tool.c") << "int main(void) { return missing; }\n";
    fs::last_write_time(m_dir / "tool.c", fs::last_write_time(p.binary) + std::chrono::seconds(4));
    out.clear();
    EXPECT_NE(build_user_program(p, out), 0);
    EXPECT_NE(out.find("tool.c:1:"), std::string::npos) << out;
    EXPECT_FALSE(fs::exists(p.binary));
}

} // namespace
