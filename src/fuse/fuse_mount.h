#pragma once
// Exposes a kernel's simulated /dev, /proc and /sys on a host directory with
// libfuse3, so real programs (cat, echo, dd, a C program calling open/read/
// write/ioctl/lseek/poll) reach module file operations. Char device nodes
// appear as regular files so the host kernel routes their I/O through FUSE
// instead of opening a host device. Each request runs as a task whose pid is
// the calling process's, so modules see the caller in current->pid.

#include "support/error_or.h"

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <sys/types.h>
#include <thread>

struct fuse;

namespace ksim {
class Kernel;
}

namespace ksim::fuse {

class FuseMount {
  public:
    // Mounts on `path` (an existing directory) and serves requests on a
    // thread of its own until destroyed.
    static ErrorOr<std::unique_ptr<FuseMount>> mount(Kernel& kernel, const std::string& path);
    ~FuseMount(); // unmounts and joins the loop thread
    FuseMount(const FuseMount&) = delete;
    FuseMount& operator=(const FuseMount&) = delete;

    const std::string& path() const { return m_path; }
    Kernel& kernel() { return m_kernel; }

    // The host sends FUSE's release after close() has returned, so a file a
    // program closed (or left open at exit) may still be open here for a
    // moment. Waits, at most `limit`, until every file open through the
    // mount belongs to a process that still runs, so the next command sees
    // what Linux would after the program's exit: its files closed.
    void wait_for_exited_openers(std::chrono::milliseconds limit);

    // Bookkeeping of the request handlers (any loop thread).
    void note_open(uint64_t handle, pid_t opener);
    void note_release(uint64_t handle);

  private:
    FuseMount(Kernel& kernel, std::string path) : m_kernel(kernel), m_path(std::move(path)) {}
    Kernel& m_kernel;
    std::string m_path;
    struct ::fuse* m_fuse = nullptr;
    std::thread m_loop;
    std::mutex m_openers_lock;
    std::condition_variable m_released;
    std::map<uint64_t, pid_t> m_openers; // open handle -> process that opened it
};

} // namespace ksim::fuse
