// `ksim insmod|rmmod|lsmod|dmesg|cat|ls|sh`: kmod's and util-linux's tools,
// run inside a kernel started with `ksim boot` (chosen with --kernel NAME or
// $KSIM_KERNEL). Each forwards its arguments over the control socket and
// prints what the command printed, with its exit status.
#include "cli/commands.h"
#include "cli/control_socket.h"
#include "cli/exit_codes.h"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <filesystem>
#include <memory>

namespace ksim::cli {

namespace {

struct ForwardOptions {
    std::string kernel;
    std::vector<std::string> args;
};

int forward(const std::string& tool, const ForwardOptions& opt) {
    ControlRequest request;
    request.cwd = std::filesystem::current_path().string();
    if (tool == "sh") {
        // sh -c 'LINE': the line runs in the kernel's shell (for redirections
        // into kernel files such as /sys/module/<m>/parameters/<p>).
        if (opt.args.size() != 2 || opt.args[0] != "-c") {
            fmt::print(stderr, "usage: ksim sh -c 'COMMAND LINE'\n");
            return exit_usage;
        }
        request.line = opt.args[1];
    } else {
        request.argv.push_back(tool);
        request.argv.insert(request.argv.end(), opt.args.begin(), opt.args.end());
    }
    auto reply = send_request(kernel_name(opt.kernel), request);
    if (reply.is_error()) {
        fmt::print(stderr, "ksim: {}\n", reply.error().message);
        return exit_command_failed;
    }
    const CommandResult& r = reply.value();
    std::fwrite(r.out.data(), 1, r.out.size(), stdout);
    std::fflush(stdout);
    std::fwrite(r.err.data(), 1, r.err.size(), stderr);
    return r.status;
}

void add_forwarding_command(CLI::App& app, CommandTable& table, const std::string& tool,
                            const std::string& description) {
    auto opt = std::make_shared<ForwardOptions>();
    auto* sub = app.add_subcommand(tool, description);
    sub->add_option("--kernel", opt->kernel,
                    "Name of the booted kernel (default: $KSIM_KERNEL or 'default')");
    // Everything after --kernel is the tool's own command line (rmmod -f, dmesg -c).
    sub->prefix_command(true);
    sub->footer("Arguments after the options are passed to the tool unchanged.");
    table.push_back({sub, [opt, sub, tool] {
                         ForwardOptions all = *opt;
                         all.args = sub->remaining();
                         return forward(tool, all);
                     }});
}

} // namespace

void add_module_commands(CLI::App& app, CommandTable& table) {
    add_forwarding_command(
        app, table, "insmod",
        "Load a module into the booted kernel: insmod FILE.ko [param=value ...]");
    add_forwarding_command(app, table, "rmmod", "Unload a module: rmmod [-f] NAME");
    add_forwarding_command(app, table, "lsmod", "List loaded modules as kmod's lsmod does");
    add_forwarding_command(app, table, "dmesg",
                           "Print the kernel log: dmesg [-c] [-C] [-t] [-l LEVELS] [-x] [-r]");
    add_forwarding_command(app, table, "cat",
                           "Print kernel files (/proc/modules, /sys/module/...)");
    add_forwarding_command(app, table, "ls", "List kernel directories (/sys/module/...)");
    add_forwarding_command(
        app, table, "sh",
        "Run one shell line in the kernel: sh -c 'echo 5 > /sys/module/m/parameters/p'");
}

} // namespace ksim::cli
