// ksim: run Linux kernel modules in an ordinary process.
#include "cli/commands.h"
#include "cli/exit_codes.h"

#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
    CLI::App app{"ksim runs Linux 6.1 loadable kernel modules inside an ordinary process.\n"
                 "Exit status: 0 ok, 1 a command failed, 2 usage error, 3 findings (ksim run),\n"
                 "4 module build failed; see docs/exit-codes.md.",
                 "ksim"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "ksim 0.1.0 (Linux 6.1 personality)");

    ksim::cli::CommandTable table;
    ksim::cli::add_kdir_command(app, table);
    ksim::cli::add_kbuild_command(app, table);
    ksim::cli::add_make_command(app, table);
    ksim::cli::add_modinfo_command(app, table);
    ksim::cli::add_module_commands(app, table);
    ksim::cli::add_run_command(app, table);
    ksim::cli::add_boot_commands(app, table);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return ksim::cli::exit_usage;
    }
    for (const auto& command : table)
        if (command.app->parsed())
            return command.run();
    return ksim::cli::exit_usage;
}
