// `ksim kbuild`: the worker behind ksim's kernel build directory
// (`make -C "$(ksim kdir)" M=DIR modules|clean` runs it).
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "kbuild/build.h"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <filesystem>
#include <memory>

namespace ksim::cli {

namespace {

struct KbuildArgs {
    std::string goal = "modules";
    std::string dir = ".";
    bool verbose = false;
    std::vector<std::string> extra_symbols;
};

int run_kbuild(const KbuildArgs& args) {
    kbuild::BuildOptions opt;
    std::error_code ec;
    opt.dir = std::filesystem::weakly_canonical(args.dir, ec).string();
    if (ec || !std::filesystem::is_directory(opt.dir)) {
        fmt::print(stderr, "ksim: {}: No such directory\n", args.dir);
        return exit_build_failed;
    }
    opt.verbose = args.verbose;
    opt.extra_symbols = args.extra_symbols;
    if (args.goal == "clean")
        return kbuild::clean_modules(opt);
    if (args.goal == "modules" || args.goal == "all")
        return kbuild::build_modules(opt) == 0 ? int(exit_ok) : int(exit_build_failed);
    fmt::print(stderr, "ksim: unknown build goal '{}' (modules or clean)\n", args.goal);
    return exit_usage;
}

} // namespace

void add_kbuild_command(CLI::App& app, CommandTable& table) {
    auto args = std::make_shared<KbuildArgs>();
    auto* sub = app.add_subcommand(
        "kbuild", "Build an external module directory as kbuild does (used by ksim's kdir "
                  "Makefile)");
    sub->add_option("--goal", args->goal, "modules (default) or clean");
    sub->add_flag("--verbose", args->verbose, "Print the commands (V=1)");
    sub->add_option("--extra-symbols", args->extra_symbols,
                    "Module.symvers of other module builds (KBUILD_EXTRA_SYMBOLS)");
    sub->add_option("dir", args->dir, "Module directory (M=)")->required();
    table.push_back({sub, [args] { return run_kbuild(*args); }});
}

void add_make_command(CLI::App& app, CommandTable& table) {
    auto args = std::make_shared<std::vector<std::string>>();
    auto* sub = app.add_subcommand(
        "make", "Build a module directory: ksim make [DIR] [modules|clean] [V=1]\n"
                "(the short form of make -C \"$(ksim kdir)\" M=DIR modules; the directory's "
                "own Makefile targets are never run, so Makefiles that hard-code "
                "/lib/modules/$(uname -r)/build work)");
    sub->add_option("args", *args, "[DIR] [modules|clean] [V=1] [KBUILD_EXTRA_SYMBOLS=FILE]");
    table.push_back({sub, [args] {
                         KbuildArgs k;
                         for (const auto& a : *args) {
                             if (a == "modules" || a == "clean" || a == "all")
                                 k.goal = a;
                             else if (a == "V=1")
                                 k.verbose = true;
                             else if (a.rfind("KBUILD_EXTRA_SYMBOLS=", 0) == 0)
                                 k.extra_symbols.push_back(a.substr(21));
                             else if (a.find('=') != std::string::npos)
                                 continue; // other make variables do not apply
                             else
                                 k.dir = a;
                         }
                         return run_kbuild(k);
                     }});
}

} // namespace ksim::cli
