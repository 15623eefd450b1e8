// Parsing the variables kdir/Makefile.vars prints for a module directory.
#include "kbuild/build_files.h"
#include "kbuild/build_spec.h"
#include "kbuild/compile.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

using namespace ksim::kbuild;

TEST(KbuildBuildSpec, SingleAndCompositeModules) {
    auto spec = parse_build_vars("/m", "obj-m=not a variable line\n"
                                       "ksim-var obj-m=hello.o multi.o hello.o\n"
                                       "ksim-var objs-of-hello=\n"
                                       "ksim-var objs-of-multi=main.o counter.o\n"
                                       "ksim-var ccflags=-I/m/include -DX=1 -DOLD\n"
                                       "ksim-var KBUILD_EXTRA_SYMBOLS=/o/Module.symvers\n"
                                       "ksim-var CFLAGS_main.o=-DMAIN\n");
    ASSERT_FALSE(spec.is_error());
    const auto& s = spec.value();
    ASSERT_EQ(s.modules.size(), 2u); // the repeated hello.o is built once
    EXPECT_EQ(s.modules[0].name, "hello");
    EXPECT_FALSE(s.modules[0].composite);
    EXPECT_EQ(s.modules[0].objects, std::vector<std::string>{"hello.o"});
    EXPECT_TRUE(s.modules[1].composite);
    EXPECT_EQ(s.modules[1].objects, (std::vector<std::string>{"main.o", "counter.o"}));
    EXPECT_EQ(s.ccflags, (std::vector<std::string>{"-I/m/include", "-DX=1", "-DOLD"}));
    EXPECT_EQ(s.extra_symbols, std::vector<std::string>{"/o/Module.symvers"});
    EXPECT_EQ(s.file_cflags.at("main.o"), std::vector<std::string>{"-DMAIN"});
}

TEST(KbuildBuildSpec, RejectsNonObjects) {
    EXPECT_TRUE(parse_build_vars("/m", "ksim-var obj-m=hello.c\n").is_error());
    EXPECT_TRUE(parse_build_vars("/m", "ksim-var obj-m=x.o\nksim-var objs-of-x=x.o\n").is_error());
}

TEST(KbuildCompile, FlagsInContractOrder) {
    BuildSpec spec;
    spec.ccflags = {"-DCC", "-DEXTRA"};
    spec.file_cflags["a.o"] = {"-DFILE"};
    auto argv = compile_argv(spec, "/inc", "mod", "/m/a.c", "/m/a.o", "/m/.a.o.d");
    auto at = [&](const std::string& s) {
        return std::find(argv.begin(), argv.end(), s) - argv.begin();
    };
    EXPECT_EQ(argv[0], "gcc");
    EXPECT_LT(at("-DKBUILD_BASENAME=\"a\""), ssize_t(argv.size()));
    EXPECT_LT(at("-DKBUILD_MODNAME=\"mod\""), ssize_t(argv.size()));
    EXPECT_LT(at("-D__KBUILD_MODNAME=kmod_mod"), ssize_t(argv.size()));
    EXPECT_LT(at("-mcmodel=small"), at("-DCC"));
    EXPECT_LT(at("-DCC"), at("-DEXTRA"));
    EXPECT_LT(at("-DEXTRA"), at("-DFILE"));
    EXPECT_EQ(argv.back(), "/m/a.c");
    // Only a.o gets CFLAGS_a.o.
    auto other = compile_argv(spec, "/inc", "mod", "/m/b.c", "/m/b.o", "/m/.b.o.d");
    EXPECT_EQ(std::find(other.begin(), other.end(), "-DFILE"), other.end());
}

TEST(KbuildBuildFiles, ReadsGccDependencyFiles) {
    auto path = std::filesystem::temp_directory_path() / "ksim_deps_test.d";
    {
        std::ofstream out(path);
        out << "/m/a.o: /m/a.c /inc/linux/kconfig.h \\\n /m/local.h /m/with\\ space.h\n";
    }
    auto deps = read_dependencies(path.string());
    std::filesystem::remove(path);
    EXPECT_EQ(deps, (std::vector<std::string>{"/m/a.c", "/inc/linux/kconfig.h", "/m/local.h",
                                              "/m/with space.h"}));
    EXPECT_TRUE(read_dependencies("/nonexistent/x.d").empty());
}

TEST(KbuildBuildFiles, StaleWhenMissingOrOlder) {
    auto dir = std::filesystem::temp_directory_path() / "ksim_stale_test";
    std::filesystem::create_directories(dir);
    auto in = (dir / "in").string(), out = (dir / "out").string();
    ASSERT_TRUE(write_if_changed(in, "x"));
    EXPECT_TRUE(is_stale(out, {in}));
    ASSERT_TRUE(write_if_changed(out, "y"));
    EXPECT_FALSE(is_stale(out, {in}));
    EXPECT_TRUE(is_stale(out, {(dir / "missing").string()}));
    std::filesystem::remove_all(dir);
}
