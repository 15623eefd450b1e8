// `ksim make [DIR] [clean]`: the short form of
// `make -C "$(ksim kdir)" M=DIR modules|clean`. It never runs the directory's
// own Makefile targets (which usually hard-code /lib/modules/.../build); it
// only reads the kbuild variables from it, as kbuild does.
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "kbuild/builder.h"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <memory>

namespace ksim::cli {

void add_make_command(CLI::App& app, CommandTable& table) {
    auto* sub = app.add_subcommand(
        "make", "Build the modules of DIR (default .) with ksim's headers, or `clean` them");
    struct Args {
        std::vector<std::string> words;
        bool verbose = false;
        bool silent = false;
    };
    auto args = std::make_shared<Args>();
    sub->add_option("args", args->words, "[DIR] [modules|clean] [V=1]");
    sub->add_flag("--verbose,-v", args->verbose, "Print commands (as make V=1)");
    sub->add_flag("--silent,-s", args->silent, "Print no progress lines (as make -s)");
    table.push_back({sub, [args] {
                         kbuild::BuildOptions options;
                         options.dir = ".";
                         options.kdir = KSIM_KDIR;
                         options.include_dir = KSIM_INCLUDE_DIR;
                         options.verbose = args->verbose;
                         options.silent = args->silent;
                         std::string goal = "modules";
                         bool have_dir = false;
                         for (const auto& w : args->words) {
                             if (w == "clean" || w == "modules" || w == "all") {
                                 goal = w == "clean" ? "clean" : "modules";
                             } else if (w.starts_with("V=")) {
                                 options.verbose = w != "V=0";
                             } else if (w.starts_with("KBUILD_EXTRA_SYMBOLS=")) {
                                 options.extra_symbols.push_back(w.substr(21));
                             } else if (!have_dir) {
                                 options.dir = w;
                                 have_dir = true;
                             } else {
                                 fmt::print(stderr, "ksim make: unexpected argument '{}'\n", w);
                                 return int(exit_usage);
                             }
                         }
                         bool ok = goal == "clean" ? kbuild::clean_modules(options)
                                                   : kbuild::build_modules(options);
                         return int(ok ? exit_ok : exit_build_failed);
                     }});
}

} // namespace ksim::cli
