// Child processes for the module build; see process.h.
#include "kbuild/process.h"

#include <fmt/format.h>

#include <cstdio>
#include <cstring>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace ksim::kbuild {

namespace {

// Closes a pipe end when it goes out of scope.
struct FdCloser {
    int fd = -1;
    ~FdCloser() {
        if (fd >= 0)
            close(fd);
    }
};

} // namespace

ErrorOr<ProcessResult> run_process(const std::vector<std::string>& argv, bool capture_stdout) {
    std::vector<char*> args;
    for (const auto& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);

    int fds[2] = {-1, -1};
    if (capture_stdout && pipe(fds) != 0)
        return Error::from_errno(errno, "cannot create a pipe");
    FdCloser read_end{fds[0]};
    FdCloser write_end{fds[1]};

    // Our own buffered output must come before the child's on a shared stream.
    std::fflush(stdout);
    std::fflush(stderr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (capture_stdout) {
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, fds[0]);
        posix_spawn_file_actions_addclose(&actions, fds[1]);
    }
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0)
        return Error::from_errno(rc, fmt::format("cannot run {}: {}", argv[0], std::strerror(rc)));

    ProcessResult result;
    if (capture_stdout) {
        close(write_end.fd);
        write_end.fd = -1;
        char buffer[4096];
        ssize_t n;
        while ((n = read(read_end.fd, buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR))
            if (n > 0)
                result.output.append(buffer, size_t(n));
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return Error::from_errno(errno, fmt::format("waiting for {} failed", argv[0]));
    result.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

std::string command_line(const std::vector<std::string>& argv) {
    std::string line;
    for (const auto& a : argv) {
        if (!line.empty())
            line += ' ';
        bool plain = !a.empty() && a.find_first_not_of("abcdefghijklmnopqrstuvwxyz"
                                                       "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                       "0123456789_-+=/.,:@%") == std::string::npos;
        if (plain) {
            line += a;
            continue;
        }
        line += '\'';
        for (char c : a) {
            if (c == '\'')
                line += "'\\''";
            else
                line += c;
        }
        line += '\'';
    }
    return line;
}

} // namespace ksim::kbuild
