// Host commands with the kernel's files mounted; see host_command.h.
#include "cli/host_command.h"

#include "fuse/fuse_mount.h"
#include "kernel/kernel.h"

#include <fmt/format.h>

#include <fcntl.h>
#include <poll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace fs = std::filesystem;

namespace ksim::cli {

namespace {

// A pipe whose read end does not block (the relay only takes what is there)
// and is closed on exec in the child.
bool make_pipe(int fds[2]) {
    if (pipe2(fds, O_CLOEXEC) != 0)
        return false;
    fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
    return true;
}

void close_fd(int& fd) {
    if (fd >= 0)
        close(fd);
    fd = -1;
}

// Reads what `fd` has now into `out` (and echoes it); false once at EOF.
bool read_some(int& fd, std::string& out, const HostCommands::Echo& echo) {
    if (fd < 0)
        return false;
    char buffer[4096];
    for (;;) {
        ssize_t n = read(fd, buffer, sizeof buffer);
        if (n > 0) {
            std::string chunk(buffer, static_cast<size_t>(n));
            echo(chunk);
            out += chunk;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN)
            return true;
        close_fd(fd); // EOF or a broken pipe
        return false;
    }
}

// ksim's note on a command that failed: its exit status, or the signal
// that ended it (strsignal's words).
std::string exit_note(const std::string& command, int status) {
    if (WIFSIGNALED(status))
        return fmt::format("ksim: host command '{}' killed by signal {} ({})\n", command,
                           WTERMSIG(status), strsignal(WTERMSIG(status)));
    return fmt::format("ksim: host command '{}' exited with status {}\n", command,
                       WEXITSTATUS(status));
}

} // namespace

std::string preload_library_path() {
    std::error_code ec;
    fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (ec)
        return {};
    fs::path lib = self.parent_path() / "libksim_preload.so";
    return fs::exists(lib, ec) ? lib.string() : std::string();
}

HostCommands::HostCommands(Kernel& kernel, std::string dir, Echo echo)
    : m_kernel(kernel), m_dir(std::move(dir)), m_echo(std::move(echo)),
      m_preload(preload_library_path()) {}

HostCommands::~HostCommands() {
    unmount();
}

void HostCommands::unmount() {
    if (!m_mount)
        return;
    m_mount.reset();
    std::error_code ec;
    fs::remove(m_mount_dir, ec);
}

bool HostCommands::ensure_mounted(CommandResult& r) {
    if (m_mount)
        return true;
    char tmpl[] = "/tmp/ksim-root-XXXXXX";
    if (mkdtemp(tmpl) == nullptr) {
        r.err = "ksim: cannot create a mount point\n";
        r.status = 1;
        return false;
    }
    m_mount_dir = tmpl;
    auto m = fuse::FuseMount::mount(m_kernel, m_mount_dir);
    if (m.is_error()) {
        r.err = fmt::format("ksim: cannot mount the kernel's files: {}\n", m.error().message);
        r.status = 1;
        std::error_code ec;
        fs::remove(m_mount_dir, ec);
        return false;
    }
    m_mount = m.release_value();
    return true;
}

bool HostCommands::relay_available() {
    bool out_open = read_some(m_out_fd, m_current->out, m_echo);
    bool err_open = read_some(m_err_fd, m_current->err, m_echo);
    return out_open || err_open;
}

void HostCommands::flush_output() {
    std::lock_guard guard(m_lock);
    if (m_current != nullptr)
        relay_available();
}

CommandResult HostCommands::run(const std::string& command) {
    CommandResult r;
    if (!ensure_mounted(r))
        return r;
    if (m_preload.empty() && !m_warned_no_preload) {
        m_warned_no_preload = true;
        r.err += "ksim: libksim_preload.so is not next to ksim: absolute /dev, /proc and /sys "
                 "paths reach the host's files; use $KSIM_ROOT\n";
        m_echo(r.err);
    }
    int out[2], err[2];
    if (!make_pipe(out)) {
        r.err += "ksim: cannot create a pipe\n";
        r.status = 1;
        return r;
    }
    if (!make_pipe(err)) {
        close(out[0]);
        close(out[1]);
        r.err += "ksim: cannot create a pipe\n";
        r.status = 1;
        return r;
    }
    std::string preload = m_preload;
    if (const char* old = std::getenv("LD_PRELOAD");
        old != nullptr && *old != '\0' && !preload.empty())
        preload += std::string(":") + old;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(out[1], STDOUT_FILENO);
        dup2(err[1], STDERR_FILENO);
        setenv("KSIM_ROOT", m_mount_dir.c_str(), 1);
        if (!preload.empty())
            setenv("LD_PRELOAD", preload.c_str(), 1);
        if (!m_dir.empty() && chdir(m_dir.c_str()) != 0)
            _exit(127);
        execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    close(out[1]);
    close(err[1]);
    if (pid < 0) {
        close(out[0]);
        close(err[0]);
        r.err += "ksim: cannot start a host command\n";
        r.status = 1;
        return r;
    }
    {
        std::lock_guard guard(m_lock);
        m_out_fd = out[0];
        m_err_fd = err[0];
        m_current = &r;
    }
    // Relay until sh exits: a pidfd says when. A command it left running in
    // the background keeps the pipes open, so EOF alone would wait for it.
    int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
    int status = 0;
    bool reaped = false;
    while (!reaped) {
        pollfd fds[3];
        nfds_t n = 0;
        {
            std::lock_guard guard(m_lock);
            for (int fd : {m_out_fd, m_err_fd})
                if (fd >= 0)
                    fds[n++] = {fd, POLLIN, 0};
        }
        if (pidfd >= 0)
            fds[n++] = {pidfd, POLLIN, 0};
        // Without a pidfd (or if poll fails), look at the child every 10 ms.
        bool polled = poll(fds, n, pidfd >= 0 ? -1 : 10) >= 0 || errno == EINTR;
        if (!polled)
            usleep(10000);
        {
            std::lock_guard guard(m_lock);
            relay_available();
        }
        pid_t w = waitpid(pid, &status, WNOHANG);
        reaped = w == pid || (w < 0 && errno != EINTR); // ECHILD: nothing left to wait for
    }
    if (pidfd >= 0)
        close(pidfd);
    {
        std::lock_guard guard(m_lock);
        relay_available(); // what it wrote just before exiting
        close_fd(m_out_fd);
        close_fd(m_err_fd);
        m_current = nullptr;
    }
    // Its files are closed when it has exited, as on Linux, before the next
    // command (an rmmod) runs.
    m_mount->wait_for_exited_openers(std::chrono::seconds(2));
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (r.status != 0) {
        std::string note = exit_note(command, status);
        m_echo(note);
        r.err += note;
    }
    return r;
}

} // namespace ksim::cli
