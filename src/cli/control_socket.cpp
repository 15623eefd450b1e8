// Control socket client and server; see control_socket.h.
#include "cli/control_socket.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace ksim::cli {

namespace {

// Closes a descriptor when it goes out of scope.
class Fd {
  public:
    explicit Fd(int fd) : m_fd(fd) {}
    ~Fd() {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return m_fd; }

  private:
    int m_fd;
};

bool write_all(int fd, const std::string& data) {
    size_t done = 0;
    while (done < data.size()) {
        ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += static_cast<size_t>(n);
    }
    return true;
}

// Messages are a decimal length, a newline, then that many bytes of JSON.
bool send_message(int fd, const nlohmann::json& j) {
    std::string body = j.dump();
    return write_all(fd, std::to_string(body.size()) + "\n" + body);
}

bool receive_message(int fd, nlohmann::json& j) {
    std::string header;
    char c;
    while (true) {
        ssize_t n = ::read(fd, &c, 1);
        if (n <= 0)
            return false;
        if (c == '\n')
            break;
        header += c;
        if (header.size() > 20)
            return false;
    }
    size_t size = std::strtoull(header.c_str(), nullptr, 10);
    std::string body(size, '\0');
    size_t done = 0;
    while (done < size) {
        ssize_t n = ::read(fd, body.data() + done, size - done);
        if (n <= 0)
            return false;
        done += static_cast<size_t>(n);
    }
    j = nlohmann::json::parse(body, nullptr, false);
    return !j.is_discarded();
}

ErrorOr<sockaddr_un> address_of(const std::string& path) {
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (path.size() >= sizeof(addr.sun_path))
        return Error::from_errno(ENAMETOOLONG, "socket path too long: " + path);
    std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
    return addr;
}

} // namespace

std::string kernel_name(const std::string& option) {
    if (!option.empty())
        return option;
    if (const char* env = std::getenv("KSIM_KERNEL"); env != nullptr && *env != '\0')
        return env;
    return "default";
}

ErrorOr<std::string> socket_directory() {
    std::string dir;
    if (const char* runtime = std::getenv("XDG_RUNTIME_DIR"); runtime != nullptr && *runtime)
        dir = std::string(runtime) + "/ksim";
    else
        dir = fmt::format("/tmp/ksim-{}", getuid());
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
        return Error::from_errno(errno, fmt::format("cannot create {}: {}", dir, strerror(errno)));
    struct stat st;
    if (::lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != getuid() ||
        (st.st_mode & 0077) != 0)
        return Error::from_errno(EPERM, dir + " is not a private directory of this user");
    return dir;
}

ErrorOr<std::string> socket_path(const std::string& name) {
    if (name.empty() || name.find('/') != std::string::npos)
        return Error::from_errno(EINVAL, "invalid kernel name: " + name);
    std::string dir = KSIM_TRY(socket_directory());
    return dir + "/" + name + ".sock";
}

ErrorOr<CommandResult> send_request(const std::string& name, const ControlRequest& request) {
    std::string path = KSIM_TRY(socket_path(name));
    sockaddr_un addr = KSIM_TRY(address_of(path));
    Fd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (fd.get() < 0)
        return Error::from_errno(errno, strerror(errno));
    if (::connect(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
        return Error::from_errno(errno, fmt::format("no kernel '{}' is running (start one with "
                                                    "`ksim boot`)",
                                                    name));
    nlohmann::json j = {{"cwd", request.cwd},
                        {"argv", request.argv},
                        {"line", request.line},
                        {"halt", request.halt}};
    nlohmann::json reply;
    if (!send_message(fd.get(), j) || !receive_message(fd.get(), reply))
        return Error::from_errno(EPIPE, fmt::format("kernel '{}' did not answer", name));
    CommandResult r;
    r.out = reply.value("stdout", "");
    r.err = reply.value("stderr", "");
    r.status = reply.value("status", 1);
    r.killed = reply.value("killed", false);
    return r;
}

ErrorOr<void> serve(const std::string& path, Shell& shell) {
    sockaddr_un addr = KSIM_TRY(address_of(path));
    Fd listener(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (listener.get() < 0)
        return Error::from_errno(errno, strerror(errno));
    ::unlink(path.c_str());
    mode_t old = ::umask(0177); // the socket is created 0600
    int bound = ::bind(listener.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::umask(old);
    if (bound != 0 || ::listen(listener.get(), 16) != 0)
        return Error::from_errno(errno, fmt::format("cannot listen on {}: {}", path,
                                                    strerror(errno)));
    while (true) {
        Fd client(::accept4(listener.get(), nullptr, nullptr, SOCK_CLOEXEC));
        if (client.get() < 0) {
            if (errno == EINTR)
                continue;
            return Error::from_errno(errno, strerror(errno));
        }
        nlohmann::json request;
        if (!receive_message(client.get(), request))
            continue;
        if (request.value("halt", false)) {
            send_message(client.get(), {{"stdout", ""}, {"stderr", ""}, {"status", 0}});
            break;
        }
        shell.context().cwd = request.value("cwd", "");
        CommandResult r;
        std::string line = request.value("line", "");
        if (!line.empty())
            r = shell.run_line(line);
        else
            r = shell.run(request.value("argv", std::vector<std::string>{}));
        send_message(client.get(), {{"stdout", r.out},
                                    {"stderr", r.err},
                                    {"status", r.status},
                                    {"killed", r.killed}});
    }
    ::unlink(path.c_str());
    return {};
}

} // namespace ksim::cli
