// srcversion as Linux 6.1's modpost computes it (scripts/mod/sumversion.c).
#include "kbuild/srcversion.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace ksim::kbuild;

// A module with MODULE_VERSION, built by the real kbuild of Debian's
// linux-headers-6.1.0-56-amd64: its modinfo showed this srcversion.
static const char* const k_versioned_module = "#include <linux/module.h>\n"
                                              "#include <linux/init.h>\n"
                                              "static int __init v_init(void) { return 0; }\n"
                                              "module_init(v_init);\n"
                                              "MODULE_LICENSE(\"GPL\");\n"
                                              "MODULE_VERSION(\"1.2\");\n";

TEST(KbuildSrcversion, MatchesRealModpost) {
    auto path = std::filesystem::temp_directory_path() / "ksim_srcversion_test.c";
    {
        std::ofstream out(path);
        out << k_versioned_module;
    }
    auto sum = srcversion({path.string()});
    std::filesystem::remove(path);
    ASSERT_FALSE(sum.is_error());
    EXPECT_EQ(sum.value(), "FA681E165F9F05C52B02541");
}

TEST(KbuildSrcversion, WhitespaceAndBlockCommentsDoNotCount) {
    EXPECT_EQ(srcversion_tokens("int  a ;\n/* note */ int\tb;"), "inta;intb;");
    // Strings are kept whole, escaped quotes included; // comments are not
    // special to modpost.
    EXPECT_EQ(srcversion_tokens("x = \"a \\\" b\"; // c d"), "x=\"a \\\" b\";//cd");
    EXPECT_EQ(srcversion_tokens("a\\\nb"), "ab");
}

TEST(KbuildSrcversion, Md4IsModpostsByteOrder) {
    // modpost reads message words big-endian, so "abc" does not give RFC
    // 1320's A448017AAF21D8525FC10AE87AA6729D.
    EXPECT_NE(modpost_md4_hex("abc"), "A448017AAF21D8525FC10AE87AA6729D");
    EXPECT_EQ(modpost_md4_hex("abc").size(), 32u);
    // Lengths around the padding boundary take one or two final blocks.
    EXPECT_NE(modpost_md4_hex(std::string(55, 'x')), modpost_md4_hex(std::string(56, 'x')));
    EXPECT_NE(modpost_md4_hex(std::string(64, 'x')), modpost_md4_hex(std::string(65, 'x')));
}

TEST(KbuildSrcversion, MissingFileIsAnError) {
    EXPECT_TRUE(srcversion({"/nonexistent/ksim/x.c"}).is_error());
}
