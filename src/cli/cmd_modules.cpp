// Placeholder until the owner of these commands lands them.
#include "cli/commands.h"
#include "cli/exit_codes.h"

#include <CLI/CLI.hpp>

namespace ksim::cli {

void add_module_commands(CLI::App& app, CommandTable& table) {
    auto* sub = app.add_subcommand("insmod", "(not yet implemented)");
    table.push_back({sub, [] { return exit_internal; }});
}

} // namespace ksim::cli
