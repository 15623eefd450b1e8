// A scenario in a fresh kernel; see scenario.h.
#include "cli/scenario.h"

#include "cli/exit_codes.h"
#include "cli/shell.h"
#include "fuse/fuse_mount.h"
#include "kernel/kernel.h"

#include <fmt/format.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
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

// Runs `command` with /bin/sh on the host, the kernel's files mounted at
// $KSIM_ROOT. Its output goes straight to ours, as a program's would.
CommandResult run_host_command(Kernel& kernel, const std::string& dir, const std::string& command,
                               std::unique_ptr<fuse::FuseMount>& mounted, std::string& mount_dir) {
    CommandResult r;
    if (!mounted) {
        char tmpl[] = "/tmp/ksim-root-XXXXXX";
        if (mkdtemp(tmpl) == nullptr) {
            r.err = "ksim: cannot create a mount point\n";
            r.status = 1;
            return r;
        }
        mount_dir = tmpl;
        auto m = fuse::FuseMount::mount(kernel, mount_dir);
        if (m.is_error()) {
            r.err = fmt::format("ksim: cannot mount the kernel's files: {}\n", m.error().message);
            r.status = 1;
            return r;
        }
        mounted = m.release_value();
    }
    std::fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        setenv("KSIM_ROOT", mount_dir.c_str(), 1);
        if (!dir.empty() && chdir(dir.c_str()) != 0)
            _exit(127);
        execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return r;
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
    kernel->log().set_console([&](const LogRecord& record) {
        say(format_dmesg_line(record, opt.timestamps) + "\n");
    });
    Shell shell(*kernel, opt.dir);
    // Host commands ("! cmd") see the kernel's files through a FUSE mount,
    // made on first use.
    std::unique_ptr<fuse::FuseMount> mounted;
    std::string mount_dir;
    bool command_failed = false;
    for (const auto& raw : opt.lines) {
        std::string line = trimmed(raw);
        if (line.empty() || line[0] == '#')
            continue;
        say("$ " + line + "\n");
        CommandResult result;
        if (line[0] == '!')
            result = run_host_command(*kernel, opt.dir, line.substr(1), mounted, mount_dir);
        else
            result = shell.run_line(line);
        say(result.out);
        say(result.err);
        if (result.status != 0)
            command_failed = true;
        report.steps.push_back({line, std::move(result)});
    }
    if (mounted) {
        mounted.reset();
        std::filesystem::remove(mount_dir);
    }
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
