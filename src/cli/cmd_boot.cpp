// `ksim boot` starts a kernel as a background process serving a control
// socket; `ksim halt` stops it.
#include "cli/commands.h"
#include "cli/control_socket.h"
#include "cli/exit_codes.h"
#include "fuse/fuse_mount.h"
#include "kernel/kernel.h"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <thread>

namespace ksim::cli {

namespace {

struct BootOptions {
    std::string kernel;
    std::string mount; // expose /dev, /proc, /sys here through FUSE
    bool foreground = false;
    bool virtual_clock = false;
    unsigned soft_lockup_secs = 20;
};

int serve_kernel(const BootOptions& opt, const std::string& path) {
    KernelConfig config;
    config.virtual_clock = opt.virtual_clock;
    config.soft_lockup_secs = opt.soft_lockup_secs;
    Kernel kernel(config);
    Shell shell(kernel, "/");
    std::unique_ptr<fuse::FuseMount> mounted;
    if (!opt.mount.empty()) {
        auto m = fuse::FuseMount::mount(kernel, std::filesystem::absolute(opt.mount).string());
        if (m.is_error()) {
            fmt::print(stderr, "ksim boot: cannot mount {}: {}\n", opt.mount, m.error().message);
            return exit_command_failed;
        }
        mounted = m.release_value();
    }
    auto served = serve(path, shell);
    if (served.is_error()) {
        fmt::print(stderr, "ksim boot: {}\n", served.error().message);
        return exit_internal;
    }
    return exit_ok;
}

int boot(const BootOptions& opt) {
    std::string name = kernel_name(opt.kernel);
    auto path = socket_path(name);
    if (path.is_error()) {
        fmt::print(stderr, "ksim boot: {}\n", path.error().message);
        return exit_command_failed;
    }
    // Refuse to start a second kernel of the same name.
    ControlRequest ping;
    ping.argv = {"true"};
    if (!send_request(name, ping).is_error()) {
        fmt::print(stderr, "ksim boot: kernel '{}' is already running\n", name);
        return exit_command_failed;
    }
    if (opt.foreground)
        return serve_kernel(opt, path.value());

    int ready[2];
    if (pipe(ready) != 0)
        return exit_internal;
    pid_t child = fork();
    if (child < 0)
        return exit_internal;
    if (child == 0) {
        // The daemon: its own session, no terminal, stdio to /dev/null.
        close(ready[0]);
        setsid();
        int null = open("/dev/null", O_RDWR);
        dup2(null, 0);
        dup2(null, 1);
        dup2(null, 2);
        if (fork() != 0)
            _exit(0);
        // Tell the parent once the socket is there.
        std::thread notifier([&] {
            for (int i = 0; i < 500; ++i) {
                if (access(path.value().c_str(), F_OK) == 0)
                    break;
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
            }
            (void)!write(ready[1], "1", 1);
            close(ready[1]);
        });
        notifier.detach();
        _exit(serve_kernel(opt, path.value()));
    }
    close(ready[1]);
    waitpid(child, nullptr, 0);
    char c = 0;
    bool ok = read(ready[0], &c, 1) == 1;
    close(ready[0]);
    if (!ok) {
        fmt::print(stderr, "ksim boot: the kernel did not start\n");
        return exit_internal;
    }
    fmt::print("ksim: kernel '{}' is running; control socket {}\n", name, path.value());
    return exit_ok;
}

int halt(const std::string& kernel) {
    ControlRequest request;
    request.halt = true;
    auto reply = send_request(kernel_name(kernel), request);
    if (reply.is_error()) {
        fmt::print(stderr, "ksim halt: {}\n", reply.error().message);
        return exit_command_failed;
    }
    return exit_ok;
}

} // namespace

void add_boot_commands(CLI::App& app, CommandTable& table) {
    auto opt = std::make_shared<BootOptions>();
    auto* boot_cmd = app.add_subcommand(
        "boot", "Start a kernel in the background; ksim insmod/rmmod/lsmod/dmesg/cat talk to it");
    boot_cmd->add_option("--kernel", opt->kernel, "Name (default: $KSIM_KERNEL or 'default')");
    boot_cmd->add_flag("--foreground", opt->foreground, "Serve in this process (do not detach)");
    boot_cmd->add_option("--mount", opt->mount,
                         "Expose the kernel's /dev, /proc and /sys under this directory (FUSE), "
                         "so real programs can use the module's files");
    boot_cmd->add_flag("--virtual-clock", opt->virtual_clock, "Deterministic kernel time");
    boot_cmd->add_option("--soft-lockup", opt->soft_lockup_secs,
                         "Seconds of module code without scheduling before a task is reported "
                         "as a soft lockup and killed (default 20; 0: off)");
    table.push_back({boot_cmd, [opt] { return boot(*opt); }});

    auto halt_kernel = std::make_shared<std::string>();
    auto* halt_cmd = app.add_subcommand("halt", "Stop a kernel started with ksim boot");
    halt_cmd->add_option("--kernel", *halt_kernel, "Name (default: $KSIM_KERNEL or 'default')");
    table.push_back({halt_cmd, [halt_kernel] { return halt(*halt_kernel); }});
}

} // namespace ksim::cli
