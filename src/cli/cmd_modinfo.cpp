// Placeholder until the owner of this command lands it.
#include "cli/commands.h"
#include "cli/exit_codes.h"

#include <CLI/CLI.hpp>

namespace ksim::cli {

void add_modinfo_command(CLI::App& app, CommandTable& table) {
    auto* sub = app.add_subcommand("modinfo", "(not yet implemented)");
    table.push_back({sub, [] { return exit_internal; }});
}

} // namespace ksim::cli
