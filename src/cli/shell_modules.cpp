// insmod, rmmod and lsmod as kmod 30 implements them (tools/insmod.c,
// tools/rmmod.c, tools/lsmod.c): the same checks in the same order, the same
// messages and exit statuses, against ksim's kernel.
#include "cli/shell.h"

#include "elf/elf_file.h"
#include "kernel/kernel.h"
#include "kernel/module_info_files.h"
#include "loader/delete_module.h"
#include "loader/load_module.h"

#include <fmt/format.h>

#include <csignal>
#include <cstring>

namespace ksim::cli {

namespace {

// kmod's insmod.c mod_strerror(): a few errnos get module-specific words.
std::string insmod_strerror(int err) {
    switch (err) {
    case ENOEXEC:
        return "Invalid module format";
    case ENOENT:
        return "Unknown symbol in module";
    case ESRCH:
        return "Unknown symbol in module";
    case EINVAL:
        return "Invalid parameters";
    default:
        return std::strerror(err);
    }
}

// The shell's report of a task that died in module code.
void mark_killed(CommandResult& r, const GuardedCallResult& task) {
    r.killed = true;
    if (task.exit_signal == SIGKILL) {
        r.err += "Killed\n";
        r.status = 128 + SIGKILL;
    } else {
        r.err += "Segmentation fault\n";
        r.status = 128 + SIGSEGV;
    }
}

// kmod derives a module name from a path: basename without ".ko", '-' as '_'.
std::string module_name_of(const std::string& arg) {
    std::string name = arg.substr(arg.find_last_of('/') + 1);
    for (const char* ext : {".ko.xz", ".ko.zst", ".ko.gz", ".ko"})
        if (name.size() > std::strlen(ext) && name.ends_with(ext)) {
            name.resize(name.size() - std::strlen(ext));
            break;
        }
    for (char& c : name)
        if (c == '-')
            c = '_';
    return name;
}

CommandResult insmod(ShellContext& ctx, const std::vector<std::string>& argv) {
    CommandResult r;
    if (argv.size() < 2) {
        r.err = "insmod: ERROR: missing filename.\n";
        r.status = 1;
        return r;
    }
    const std::string& file = argv[1];
    std::string args;
    for (size_t i = 2; i < argv.size(); ++i) {
        if (!args.empty())
            args += ' ';
        args += argv[i];
    }
    auto bytes = elf::read_file(resolve_path(ctx, file));
    if (bytes.is_error()) {
        r.err = fmt::format("insmod: ERROR: could not load module {}: {}\n", file,
                            std::strerror(ENOENT));
        r.status = 1;
        return r;
    }
    LoadOutcome outcome = load_module(ctx.kernel, resolve_path(ctx, file), bytes.release_value(),
                                      args);
    if (!outcome.task.completed) {
        mark_killed(r, outcome.task);
        return r;
    }
    if (outcome.error != 0) {
        r.err = fmt::format("insmod: ERROR: could not insert module {}: {}\n", file,
                            insmod_strerror(outcome.error));
        r.status = 1;
    }
    return r;
}

CommandResult rmmod(ShellContext& ctx, const std::vector<std::string>& argv) {
    CommandResult r;
    bool force = false;
    std::vector<std::string> names;
    for (size_t i = 1; i < argv.size(); ++i) {
        if (argv[i] == "-f" || argv[i] == "--force")
            force = true;
        else if (argv[i] == "-s" || argv[i] == "--syslog" || argv[i] == "-v")
            continue;
        else
            names.push_back(argv[i]);
    }
    if (names.empty()) {
        r.err = "rmmod: ERROR: missing module name.\n";
        r.status = 1;
        return r;
    }
    for (const auto& arg : names) {
        std::string name = module_name_of(arg);
        // check_module_inuse(): loaded? holders? references?
        std::vector<ModuleSummary> modules = module_summaries(ctx.kernel);
        const ModuleSummary* found = nullptr;
        for (const auto& m : modules)
            if (m.name == name)
                found = &m;
        if (found == nullptr) {
            r.err += fmt::format("rmmod: ERROR: Module {} is not currently loaded\n", name);
            r.status = 1;
            continue;
        }
        if (!force) {
            if (!found->holders.empty()) {
                std::string line = fmt::format("rmmod: ERROR: Module {} is in use by:", name);
                for (const auto& h : found->holders)
                    line += " " + h;
                r.err += line + "\n";
                r.status = 1;
                continue;
            }
            if (found->refcount > 0) {
                r.err += fmt::format("rmmod: ERROR: Module {} is in use\n", name);
                r.status = 1;
                continue;
            }
            // A negative count (a module stuck going away after its exit
            // died) makes kmod give up without a word.
            if (found->refcount < 0) {
                r.status = 1;
                continue;
            }
        }
        UnloadOutcome outcome = delete_module(ctx.kernel, name, force);
        if (!outcome.task.completed) {
            mark_killed(r, outcome.task);
            return r;
        }
        if (outcome.error != 0) {
            // Debian's libkmod logs its own line before rmmod's message.
            r.err += fmt::format("rmmod: ERROR: ../libkmod/libkmod-module.c:856 "
                                 "kmod_module_remove_module() could not remove '{}': {}\n",
                                 name, std::strerror(outcome.error));
            r.err += fmt::format("rmmod: ERROR: could not remove module {}: {}\n", arg,
                                 std::strerror(outcome.error));
            r.status = 1;
        }
    }
    return r;
}

CommandResult lsmod(ShellContext& ctx, const std::vector<std::string>&) {
    CommandResult r;
    r.out = "Module                  Size  Used by\n";
    for (const auto& m : module_summaries(ctx.kernel)) {
        // kmod reads the size from /sys/module/<m>/coresize.
        r.out += fmt::format("{:<19} {:>8}  {}", m.name, m.coresize, m.refcount);
        bool first = true;
        for (const auto& h : m.holders) {
            r.out += first ? " " : ",";
            r.out += h;
            first = false;
        }
        r.out += "\n";
    }
    return r;
}

} // namespace

void add_module_builtins(Shell& shell) {
    shell.add_builtin("insmod", insmod);
    shell.add_builtin("rmmod", rmmod);
    shell.add_builtin("lsmod", lsmod);
}

} // namespace ksim::cli
