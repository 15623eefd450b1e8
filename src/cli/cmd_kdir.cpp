// `ksim kdir`: prints the kernel build directory for `make -C ... M=...`.
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "kbuild/symvers.h"
#include "kernel/kernel.h"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <fstream>

namespace ksim::cli {

void add_kdir_command(CLI::App& app, CommandTable& table) {
    auto* sub = app.add_subcommand(
        "kdir", "Print the kernel build directory to use as `make -C \"$(ksim kdir)\" M=$PWD`");
    auto write_symvers = std::make_shared<bool>(false);
    auto release = std::make_shared<bool>(false);
    sub->add_flag("--write-symvers", *write_symvers,
                  "(Re)write Module.symvers in the build directory from ksim's export table");
    sub->add_flag("--release", *release, "Print the simulated kernel release (uname -r) instead");
    table.push_back({sub, [=] {
                         if (*release) {
                             fmt::print("{}\n", KernelConfig{}.release);
                             return int(exit_ok);
                         }
                         if (*write_symvers) {
                             std::string path = std::string(KSIM_KDIR) + "/Module.symvers";
                             std::ofstream out(path);
                             out << kbuild::format_symvers(kbuild::kernel_symvers());
                             if (!out) {
                                 fmt::print(stderr, "ksim: cannot write {}\n", path);
                                 return int(exit_internal);
                             }
                             return int(exit_ok);
                         }
                         fmt::print("{}\n", KSIM_KDIR);
                         return int(exit_ok);
                     }});
}

} // namespace ksim::cli
