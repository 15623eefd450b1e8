#pragma once
// Each subcommand of `ksim` lives in its own cmd_<name>.cpp. Its add_*
// function declares the subcommand and its options on the CLI11 app and
// registers the function that runs it; main() runs the one that was parsed
// and exits with its status (exit_codes.h).

#include <functional>
#include <utility>
#include <vector>

namespace CLI {
class App;
}

namespace ksim::cli {

struct Command {
    CLI::App* app;
    std::function<int()> run;
};
using CommandTable = std::vector<Command>;

void add_kdir_command(CLI::App& app, CommandTable& table);
void add_kbuild_command(CLI::App& app, CommandTable& table);
void add_make_command(CLI::App& app, CommandTable& table);
void add_modinfo_command(CLI::App& app, CommandTable& table);
// insmod, rmmod, lsmod, dmesg, cat: against an embedded kernel or a booted one
void add_module_commands(CLI::App& app, CommandTable& table);
void add_run_command(CLI::App& app, CommandTable& table);
void add_boot_commands(CLI::App& app, CommandTable& table); // boot, halt

} // namespace ksim::cli
