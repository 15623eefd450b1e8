#pragma once
// The host commands of a scenario: "! CMD" script lines, `ksim run --exec`
// and the --prog test programs. Each runs with /bin/sh on the host in the
// module directory while the kernel's /dev, /proc and /sys are mounted
// through FUSE at $KSIM_ROOT (mounted on first use), with
// libksim_preload.so in LD_PRELOAD so that a program opening "/dev/foo" by
// its absolute path reaches the module's file unmodified. The command's
// stdout and stderr are relayed live, in order with the kernel messages its
// system calls cause, and kept for the run report.
//
// Lock order: m_lock, then stdio's lock of our stdout (inside m_echo).

#include "cli/shell.h"

#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace ksim {
class Kernel;
}
namespace ksim::fuse {
class FuseMount;
}

namespace ksim::cli {

class HostCommands {
  public:
    using Echo = std::function<void(const std::string&)>;

    // `dir` is the commands' working directory; `echo` prints relayed output
    // (a no-op when the run prints nothing live, e.g. --json).
    HostCommands(Kernel& kernel, std::string dir, Echo echo);
    ~HostCommands();
    HostCommands(const HostCommands&) = delete;
    HostCommands& operator=(const HostCommands&) = delete;

    // Runs `command` with sh -c and waits for it (not for what it started
    // in the background). Its output is in the result and already echoed; a
    // nonzero exit or a signal is reported in `err`.
    CommandResult run(const std::string& command);

    // Relays what the running command has written so far. The kernel's
    // console calls it before printing a line, so a program's "before
    // ioctl" line comes out before the messages of the ioctl. Any thread.
    void flush_output();

    // Unmounts and removes the mount point (files still open by background
    // programs are closed as at their exit).
    void unmount();

  private:
    bool ensure_mounted(CommandResult& result);
    // Reads what is available on the pipes without blocking; false at EOF
    // on both. Needs m_lock.
    bool relay_available();

    Kernel& m_kernel;
    std::string m_dir;
    Echo m_echo;
    std::unique_ptr<fuse::FuseMount> m_mount;
    std::string m_mount_dir;
    std::string m_preload; // path of libksim_preload.so, or empty
    bool m_warned_no_preload = false;

    std::mutex m_lock;
    int m_out_fd = -1; // read ends of the running command's stdout/stderr
    int m_err_fd = -1;
    CommandResult* m_current = nullptr;
};

// The path of libksim_preload.so next to the running ksim binary, or ""
// when it is not there.
std::string preload_library_path();

} // namespace ksim::cli
