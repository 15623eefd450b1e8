#pragma once
// The control socket of a booted kernel (`ksim boot`): a Unix socket, mode
// 0600 in a 0700 directory owned by the user, through which `ksim insmod`,
// `rmmod`, `lsmod`, `dmesg`, `cat`, `sh -c` ... run commands in that kernel.
// One request per connection: a JSON object {cwd, argv | line}, answered by
// {stdout, stderr, status}.

#include "cli/shell.h"
#include "support/error_or.h"

#include <string>
#include <vector>

namespace ksim::cli {

// The kernel name from --kernel, else $KSIM_KERNEL, else "default".
std::string kernel_name(const std::string& option);
// $XDG_RUNTIME_DIR/ksim or /tmp/ksim-<uid>, created 0700.
ErrorOr<std::string> socket_directory();
ErrorOr<std::string> socket_path(const std::string& name);

struct ControlRequest {
    std::string cwd;
    std::vector<std::string> argv; // a command, or
    std::string line; // a shell line (sh -c)
    bool halt = false;
};

// Sends one request to the kernel `name`; ENOENT/ECONNREFUSED when it is not running.
ErrorOr<CommandResult> send_request(const std::string& name, const ControlRequest& request);

// Serves requests on `path` until a halt request; runs each in `shell`.
ErrorOr<void> serve(const std::string& path, Shell& shell);

} // namespace ksim::cli
