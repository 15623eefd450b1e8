// Module.symvers in kbuild's format (scripts/mod/modpost.c: write_dump()).
#include "kbuild/symvers.h"

#include <gtest/gtest.h>

using namespace ksim::kbuild;

TEST(KbuildSymvers, FormatMatchesKbuild) {
    // Real kbuild wrote these lines for examples/export (CRCs are 0 in ksim,
    // which has no CONFIG_MODVERSIONS).
    std::vector<SymversEntry> entries = {{"provider_add", "/m/provider", false},
                                         {"provider_secret", "/m/provider", true}};
    EXPECT_EQ(format_symvers(entries),
              "0x00000000\tprovider_add\t/m/provider\tEXPORT_SYMBOL\t\n"
              "0x00000000\tprovider_secret\t/m/provider\tEXPORT_SYMBOL_GPL\t\n");
}

TEST(KbuildSymvers, ParsesWhatItWrites) {
    auto parsed = parse_symvers("0x08660a03\tprovider_add\t/m/provider\tEXPORT_SYMBOL\t\n"
                                "0x3ec4b07c\tprovider_secret\t/m/provider\tEXPORT_SYMBOL_GPL\t\n");
    ASSERT_FALSE(parsed.is_error());
    ASSERT_EQ(parsed.value().size(), 2u);
    EXPECT_EQ(parsed.value()[1].symbol, "provider_secret");
    EXPECT_EQ(parsed.value()[1].module, "/m/provider");
    EXPECT_TRUE(parsed.value()[1].gpl_only);
    EXPECT_FALSE(parsed.value()[0].gpl_only);
    EXPECT_TRUE(parse_symvers("only\ttwo\n").is_error());
}
