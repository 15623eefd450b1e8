// modinfo inside scripts and the booted kernel: runs this binary's own
// `ksim modinfo` (kmod-compatible, see cmd_modinfo.cpp) as a child process in
// the script's working directory and captures what it prints. modinfo reads
// files only, so it needs nothing from the running kernel.
#include "cli/shell.h"

#include <fmt/format.h>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

namespace ksim::cli {

namespace {

std::string read_all(int fd) {
    std::string out;
    char buffer[4096];
    ssize_t n;
    while ((n = read(fd, buffer, sizeof buffer)) > 0)
        out.append(buffer, static_cast<size_t>(n));
    close(fd);
    return out;
}

CommandResult modinfo(ShellContext& ctx, const std::vector<std::string>& argv) {
    CommandResult r;
    int out_pipe[2], err_pipe[2];
    if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0) {
        r.err = "modinfo: cannot create a pipe\n";
        r.status = 1;
        return r;
    }
    std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
    pid_t pid = fork();
    if (pid == 0) {
        dup2(out_pipe[1], 1);
        dup2(err_pipe[1], 2);
        close(out_pipe[0]);
        close(err_pipe[0]);
        if (!ctx.cwd.empty() && chdir(ctx.cwd.c_str()) != 0)
            _exit(1);
        std::vector<std::string> args{self, "modinfo"};
        args.insert(args.end(), argv.begin() + 1, argv.end());
        std::vector<char*> cargs;
        for (auto& a : args)
            cargs.push_back(a.data());
        cargs.push_back(nullptr);
        execv(self.c_str(), cargs.data());
        _exit(127);
    }
    close(out_pipe[1]);
    close(err_pipe[1]);
    // modinfo's output is small; read stdout fully, then stderr.
    r.out = read_all(out_pipe[0]);
    r.err = read_all(err_pipe[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 1;
    return r;
}

} // namespace

void add_modinfo_builtin(Shell& shell) { shell.add_builtin("modinfo", modinfo); }

} // namespace ksim::cli
