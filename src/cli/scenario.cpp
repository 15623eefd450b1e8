// A scenario in a fresh kernel; see scenario.h.
#include "cli/scenario.h"

#include "cli/exit_codes.h"
#include "cli/host_command.h"
#include "cli/shell.h"
#include "kernel/kernel.h"

#include <fmt/format.h>

#include <cstdio>
#include <memory>

namespace ksim::cli {

namespace {

std::string trimmed(const std::string& line) {
    size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos)
        return {};
    size_t last = line.find_last_not_of(" \t\r");
    return line.substr(first, last - first + 1);
}

} // namespace

void run_scenario(const ScenarioOptions& opt, RunReport& report) {
    auto say = [&](const std::string& text) {
        if (opt.echo && !text.empty()) {
            std::fwrite(text.data(), 1, text.size(), stdout);
            std::fflush(stdout);
        }
    };
    KernelConfig config;
    config.virtual_clock = opt.virtual_clock;
    config.fail_nth = opt.fail_nth;
    config.soft_lockup_secs = opt.soft_lockup_secs;
    auto kernel = std::make_unique<Kernel>(config);
    // Host commands ("! cmd") see the kernel's files through a FUSE mount,
    // made on first use; their output is relayed before each kernel line.
    HostCommands host(*kernel, opt.dir, say);
    kernel->log().set_console([&](const LogRecord& record) {
        host.flush_output();
        say(format_dmesg_line(record, opt.timestamps) + "\n");
    });
    Shell shell(*kernel, opt.dir);
    bool command_failed = false;
    for (const auto& raw : opt.lines) {
        std::string line = trimmed(raw);
        if (line.empty() || line[0] == '#')
            continue;
        say("$ " + line + "\n");
        CommandResult result;
        if (line[0] == '!') {
            result = host.run(trimmed(line.substr(1))); // echoed while it ran
        } else {
            result = shell.run_line(line);
            say(result.out);
            say(result.err);
        }
        if (result.status != 0)
            command_failed = true;
        report.steps.push_back({line, std::move(result)});
    }
    host.unmount();
    kernel->log().set_console(nullptr);
    report.log = kernel->log().records();
    report.findings = kernel->findings().all();
    report.fail_nth = opt.fail_nth;
    report.failable_calls = kernel->faults().calls();
    if (auto injected = kernel->faults().injected())
        report.injected = *injected;
    report.exit_status = !report.findings.empty() ? exit_findings
                         : command_failed         ? exit_command_failed
                                                  : exit_ok;
}

} // namespace ksim::cli
