// cat, echo, ls and sleep for scripts, on the kernel's own files (/proc,
// /sys/module). Messages follow busybox, the shell of the reference runs.
#include "cli/shell.h"

#include "kernel/kernel.h"
#include "kernel/module_info_files.h"
#include "kernel/softirq.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <thread>

namespace ksim::cli {

namespace {

CommandResult cat(ShellContext& ctx, const std::vector<std::string>& argv) {
    CommandResult r;
    for (size_t i = 1; i < argv.size(); ++i) {
        auto content = read_module_file(ctx.kernel, argv[i]);
        if (content.is_error()) {
            r.err += fmt::format("cat: can't open '{}': {}\n", argv[i], content.error().message);
            r.status = 1;
            continue;
        }
        r.out += content.value();
    }
    return r;
}

CommandResult echo(ShellContext&, const std::vector<std::string>& argv) {
    CommandResult r;
    size_t first = 1;
    bool newline = true;
    if (argv.size() > 1 && argv[1] == "-n") {
        newline = false;
        first = 2;
    }
    for (size_t i = first; i < argv.size(); ++i) {
        if (i > first)
            r.out += ' ';
        r.out += argv[i];
    }
    if (newline)
        r.out += '\n';
    return r;
}

CommandResult ls(ShellContext& ctx, const std::vector<std::string>& argv) {
    CommandResult r;
    for (size_t i = 1; i < argv.size(); ++i) {
        auto entries = list_module_dir(ctx.kernel, argv[i]);
        if (entries.is_error()) {
            r.err += fmt::format("ls: {}: {}\n", argv[i], entries.error().message);
            r.status = 1;
            continue;
        }
        // ls sorts its listing.
        std::vector<std::string> sorted = entries.value();
        std::sort(sorted.begin(), sorted.end());
        for (const auto& e : sorted)
            r.out += e + "\n";
    }
    return r;
}

CommandResult sleep_command(ShellContext& ctx, const std::vector<std::string>& argv) {
    CommandResult r;
    if (argv.size() != 2) {
        r.err = "sleep: usage: sleep SECONDS\n";
        r.status = 1;
        return r;
    }
    double seconds = std::atof(argv[1].c_str());
    auto ns = static_cast<uint64_t>(seconds * 1e9);
    // Virtual time passes timer by timer, each firing on the way.
    if (ctx.kernel.clock().is_virtual())
        ctx.kernel.softirq().advance_virtual(ns);
    else
        std::this_thread::sleep_for(std::chrono::nanoseconds(ns));
    return r;
}

} // namespace

void add_file_builtins(Shell& shell) {
    shell.add_builtin("cat", cat);
    shell.add_builtin("echo", echo);
    shell.add_builtin("ls", ls);
    shell.add_builtin("sleep", sleep_command);
    shell.add_builtin("true", [](ShellContext&, const std::vector<std::string>&) {
        return CommandResult{};
    });
}

} // namespace ksim::cli
