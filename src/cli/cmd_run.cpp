// `ksim run DIR|FILE.ko`: boots a kernel inside this process, builds the
// module directory if needed, runs a script of commands (by default insmod of
// every module in modules.order, then rmmod in reverse), echoing the kernel
// log live like a console, and reports ksim's findings afterwards.
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/fault_sweep.h"
#include "cli/run_report.h"
#include "cli/scenario.h"
#include "cli/user_program.h"
#include "kernel/kernel.h"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace fs = std::filesystem;

namespace ksim::cli {

namespace {

struct RunOptions {
    std::string target;
    std::string script_file;
    std::string commands;
    std::vector<std::string> insmod_args;
    bool json = false;
    bool no_timestamps = false;
    bool virtual_clock = false;
    unsigned soft_lockup_secs = 20;
    bool no_build = false;
    uint64_t fail_nth = 0;
    bool fault_sweep = false;
    std::string exec;               // a host command to run while the modules are loaded
    std::vector<std::string> progs; // --prog 'FILE.c ARGS': user programs to build and run
};

// Builds DIR with this binary's own `kbuild`, capturing what it prints.
int build_directory(const std::string& dir, std::string& output) {
    std::string command = fmt::format("'{}' kbuild --goal modules '{}' 2>&1",
                                      fs::read_symlink("/proc/self/exe").string(), dir);
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) {
        output = "ksim: cannot start the build\n";
        return exit_build_failed;
    }
    char buffer[4096];
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0)
        output.append(buffer, n);
    int status = pclose(pipe);
    return WIFEXITED(status) ? WEXITSTATUS(status) : exit_build_failed;
}

// Module files named by modules.order, in build order.
std::vector<std::string> modules_in_order(const std::string& dir) {
    std::vector<std::string> out;
    std::ifstream in(dir + "/modules.order");
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty())
            continue;
        std::string base = line.substr(line.find_last_of('/') + 1);
        if (base.ends_with(".o"))
            base = base.substr(0, base.size() - 2) + ".ko";
        out.push_back(base);
    }
    return out;
}

std::vector<std::string> script_lines(const RunOptions& opt, const std::vector<std::string>& mods,
                                      const std::vector<UserProgram>& programs,
                                      const std::string& dir, std::string& error) {
    std::vector<std::string> lines;
    if (!opt.script_file.empty()) {
        std::ifstream in(opt.script_file);
        if (!in) {
            error = fmt::format("ksim run: cannot read script {}\n", opt.script_file);
            return {};
        }
        std::string line;
        while (std::getline(in, line))
            lines.push_back(line);
        return lines;
    }
    if (!opt.commands.empty()) {
        std::string line;
        std::istringstream in(opt.commands);
        while (std::getline(in, line, '\n')) {
            std::istringstream parts(line);
            std::string part;
            while (std::getline(parts, part, ';'))
                lines.push_back(part);
        }
        return lines;
    }
    // Default: load each module (insmod args go to the first), then unload in reverse.
    for (size_t i = 0; i < mods.size(); ++i) {
        std::string line = "insmod " + mods[i];
        if (i == 0)
            for (const auto& a : opt.insmod_args)
                line += " " + a;
        lines.push_back(line);
    }
    if (!opt.exec.empty())
        lines.push_back("! " + opt.exec);
    for (const auto& program : programs)
        lines.push_back(user_program_line(program, dir));
    for (auto it = mods.rbegin(); it != mods.rend(); ++it)
        lines.push_back("rmmod " + it->substr(0, it->size() - 3));
    return lines;
}

int run(const RunOptions& opt) {
    RunReport report;
    report.target = opt.target;
    auto say = [&](const std::string& text) {
        if (!opt.json && !text.empty()) {
            std::fwrite(text.data(), 1, text.size(), stdout);
            std::fflush(stdout);
        }
    };

    std::error_code ec;
    std::string dir;
    std::vector<std::string> mods;
    if (fs::is_directory(opt.target, ec)) {
        dir = fs::absolute(opt.target).lexically_normal().string();
        if (!opt.no_build) {
            report.built = true;
            report.build_status = build_directory(dir, report.build_output);
            say(report.build_output);
            if (report.build_status != 0) {
                report.exit_status = exit_build_failed;
                if (opt.json)
                    std::fputs(report_to_json(report).c_str(), stdout);
                return exit_build_failed;
            }
        }
        mods = modules_in_order(dir);
    } else if (!opt.progs.empty()) {
        fmt::print(stderr, "ksim run: --prog needs a module directory\n");
        return exit_usage;
    } else if (fs::is_regular_file(opt.target, ec)) {
        fs::path p = fs::absolute(opt.target);
        dir = p.parent_path().string();
        mods.push_back(p.filename().string());
    } else {
        fmt::print(stderr, "ksim run: {}: No such file or directory\n", opt.target);
        return exit_command_failed;
    }

    std::string error;
    // The directory's user-space programs, built after its modules.
    std::vector<UserProgram> programs;
    for (const auto& spec : opt.progs) {
        UserProgram program;
        if (!parse_user_program(spec, dir, program, error)) {
            fmt::print(stderr, "{}", error);
            return exit_usage;
        }
        std::string output;
        int status = build_user_program(program, output);
        report.build_output += output;
        say(output);
        if (status != 0) {
            report.built = true;
            report.build_status = status;
            report.exit_status = exit_build_failed;
            if (opt.json)
                std::fputs(report_to_json(report).c_str(), stdout);
            return exit_build_failed;
        }
        programs.push_back(std::move(program));
    }

    ScenarioOptions scenario;
    scenario.dir = dir;
    scenario.lines = script_lines(opt, mods, programs, dir, error);
    if (!error.empty()) {
        fmt::print(stderr, "{}", error);
        return exit_usage;
    }
    scenario.virtual_clock = opt.virtual_clock;
    scenario.soft_lockup_secs = opt.soft_lockup_secs;
    scenario.timestamps = !opt.no_timestamps;
    if (opt.fault_sweep)
        return run_fault_sweep(scenario, opt.json);

    scenario.fail_nth = opt.fail_nth;
    scenario.echo = !opt.json;
    run_scenario(scenario, report);
    if (opt.json) {
        std::fputs(report_to_json(report).c_str(), stdout);
        return report.exit_status;
    }
    if (opt.fail_nth != 0) {
        if (report.injected)
            say(fmt::format("ksim: --fail-nth {}: {} failed at {}\n", opt.fail_nth,
                            report.injected->function, report.injected->site));
        else
            say(fmt::format("ksim: --fail-nth {}: only {} failable call{} made; nothing "
                            "failed\n",
                            opt.fail_nth, report.failable_calls,
                            report.failable_calls == 1 ? " was" : "s were"));
    }
    say(format_findings(report.findings));
    return report.exit_status;
}

} // namespace

void add_run_command(CLI::App& app, CommandTable& table) {
    auto opt = std::make_shared<RunOptions>();
    auto* sub = app.add_subcommand(
        "run", "Boot a kernel in this process, build and load a module directory (or a .ko),\n"
               "run a script of commands, show the kernel log and ksim's findings.\n"
               "Exit status: 0 ok, 1 a command failed, 3 findings, 4 build failed.");
    sub->add_option("target", opt->target, "Module directory (built if needed) or .ko file")
        ->required();
    sub->add_option("--script", opt->script_file,
                    "Run the commands of FILE (insmod, rmmod, lsmod, modinfo, dmesg, cat, "
                    "echo > / >>, ls, sleep)");
    sub->add_option("-c", opt->commands, "Run these commands (separated by ';' or newlines)");
    sub->add_flag("--json", opt->json, "Print the whole run as one JSON document");
    sub->add_flag("-t,--no-timestamps", opt->no_timestamps, "Print kernel messages without [time]");
    sub->add_flag("--virtual-clock", opt->virtual_clock,
                  "Deterministic kernel time (each reading advances 1 us)");
    sub->add_option("--soft-lockup", opt->soft_lockup_secs,
                    "Report a task that runs module code this many seconds without scheduling "
                    "as a soft lockup and kill it (default 20, as Linux; 0: off)");
    sub->add_flag("--no-build", opt->no_build, "Do not build the directory first");
    sub->add_option("--exec", opt->exec,
                    "Run this host command (sh -c) after loading the modules, with the kernel's "
                    "/dev, /proc and /sys mounted through FUSE at $KSIM_ROOT and absolute "
                    "/dev, /proc, /sys paths sent there; script lines starting with '!' do "
                    "the same");
    sub->add_option("--prog", opt->progs,
                    "Build the user program FILE.c of the module directory (not part of obj-m) "
                    "with the host's cc into ./FILE; without -c/--script, run it with ARGS after "
                    "the insmods like --exec (repeatable; quote 'FILE.c ARGS')")
        ->allow_extra_args(false);
    sub->add_option("--fail-nth", opt->fail_nth,
                    "Make the N-th failable kernel call from module code fail (-ENOMEM)");
    sub->add_flag("--fault-sweep", opt->fault_sweep,
                  "Run the scenario once per failable call, failing each in turn, in a fresh "
                  "kernel; exit 3 if any path leaks, oopses or warns");
    sub->add_option("insmod_args", opt->insmod_args,
                    "After --: parameters for the first module's insmod");
    sub->positionals_at_end(false);
    table.push_back({sub, [opt] { return run(*opt); }});
}

} // namespace ksim::cli
