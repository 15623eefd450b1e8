// `ksim kbuild`: the worker behind ksim's kernel build directory. The kdir
// Makefile runs it for `make -C "$(ksim kdir)" M=DIR modules|clean`; it
// prints what kbuild prints and exits 4 when the build fails.
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "kbuild/builder.h"

#include <CLI/CLI.hpp>

#include <memory>

namespace ksim::cli {

void add_kbuild_command(CLI::App& app, CommandTable& table) {
    auto* sub = app.add_subcommand(
        "kbuild", "Build (or clean) a module directory as kbuild does; used by ksim's kdir");
    struct Args {
        std::string goal = "modules";
        bool verbose = false;
        bool silent = false;
        std::vector<std::string> extra_symbols;
        std::string dir;
    };
    auto args = std::make_shared<Args>();
    sub->add_option("--goal", args->goal, "modules or clean")
        ->check(CLI::IsMember({"modules", "clean"}));
    sub->add_flag("--verbose,-v", args->verbose, "Print commands (make V=1)");
    sub->add_flag("--silent,-s", args->silent, "Print no progress lines (make -s)");
    sub->add_option("--extra-symbols", args->extra_symbols,
                    "Module.symvers of other builds (KBUILD_EXTRA_SYMBOLS)");
    sub->add_option("dir", args->dir, "Module directory")->required();
    table.push_back({sub, [args] {
                         kbuild::BuildOptions options;
                         options.dir = args->dir;
                         options.kdir = KSIM_KDIR;
                         options.include_dir = KSIM_INCLUDE_DIR;
                         options.verbose = args->verbose;
                         options.silent = args->silent;
                         options.extra_symbols = args->extra_symbols;
                         bool ok = args->goal == "clean" ? kbuild::clean_modules(options)
                                                         : kbuild::build_modules(options);
                         return int(ok ? exit_ok : exit_build_failed);
                     }});
}

} // namespace ksim::cli
