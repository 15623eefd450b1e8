#pragma once
// Script commands on the simulated file tree (/dev, /proc, /sys): cat,
// head -c, dd, ls [-l], mknod, ioctl and the shell's "> FILE" / ">> FILE"
// redirection, with busybox's messages (the reference guest's shell). Each
// goes through vfs::Vfs, so module file_operations, class devices and misc
// devices are reached as a real process would reach them. Paths the Vfs does
// not have fall back to the kernel's module files (/proc/modules,
// /sys/module/...).

#include "cli/shell.h"

#include <string>
#include <vector>

namespace ksim::cli {

CommandResult vfs_cat(ShellContext& ctx, const std::vector<std::string>& argv);
CommandResult vfs_head(ShellContext& ctx, const std::vector<std::string>& argv);
CommandResult vfs_dd(ShellContext& ctx, const std::vector<std::string>& argv);
CommandResult vfs_ls(ShellContext& ctx, const std::vector<std::string>& argv);
CommandResult vfs_mknod(ShellContext& ctx, const std::vector<std::string>& argv);
// ksim's own: ioctl PATH CMD [ARG]. CMD is a number (0x... accepted); for a
// command whose _IOC_SIZE is nonzero ARG is the buffer's bytes as hex
// (default zeros) and the buffer after the call is printed as hex, else ARG
// is passed as the plain argument. Prints the return value.
CommandResult vfs_ioctl(ShellContext& ctx, const std::vector<std::string>& argv);

// The redirection of a command's output: one write() of `data` to `path`
// opened O_WRONLY|O_CREAT|O_TRUNC (or O_APPEND). Returns the shell's error
// text ("sh: can't create PATH: ...", "sh: write error: ...") or "".
std::string vfs_redirect(ShellContext& ctx, const std::string& path, const std::string& data,
                         bool append);
// The same as a command result: status 1 with that text, or, when the
// module's write or open oopsed, the shell's "Killed" with status 128+9
// (the shell itself made the write, so it is the task that died).
CommandResult vfs_redirect_result(ShellContext& ctx, const std::string& path,
                                  const std::string& data, bool append);

// Registers the commands above under their names (replacing earlier
// builtins of the same names).
void add_vfs_file_builtins(Shell& shell);

} // namespace ksim::cli
