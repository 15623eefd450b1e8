#pragma once
// The command interpreter of `ksim run` scripts and of a booted kernel's
// control socket: kmod's and util-linux's tools (insmod, rmmod, lsmod,
// modinfo, dmesg) and a few shell builtins (cat, echo with > and >>, ls,
// sleep) running against one Kernel. Each command behaves like the real
// tool as a process: its own pid and comm while it runs, its output and
// exit status captured.

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace ksim {
class Kernel;
}

namespace ksim::cli {

struct CommandResult {
    std::string out;
    std::string err;
    int status = 0;
    // The task died in module code (Oops): the shell reports it as the
    // signal that killed it.
    bool killed = false;
};

struct ShellContext {
    Kernel& kernel;
    std::string cwd; // relative paths in commands resolve against it
};

using Builtin = std::function<CommandResult(ShellContext&, const std::vector<std::string>& argv)>;

class Shell {
  public:
    Shell(Kernel& kernel, std::string cwd);

    // Runs one script line: words with '...' and "..." quoting, an optional
    // "> FILE" or ">> FILE" redirection of stdout. Empty lines and '#'
    // comments do nothing.
    CommandResult run_line(const std::string& line);
    CommandResult run(const std::vector<std::string>& argv);

    void add_builtin(const std::string& name, Builtin builtin);
    ShellContext& context() { return m_context; }

  private:
    ShellContext m_context;
    std::map<std::string, Builtin> m_builtins;
};

// Splits a line into words as a POSIX shell does for simple commands
// (quotes, backslash escapes); returns false on an unterminated quote.
bool split_words(const std::string& line, std::vector<std::string>& words);

// Resolves `path` against the shell's working directory.
std::string resolve_path(const ShellContext& context, const std::string& path);

// Registration of each family of commands (shell_*.cpp).
void add_module_builtins(Shell& shell);
void add_log_builtins(Shell& shell);
void add_file_builtins(Shell& shell);
void add_modinfo_builtin(Shell& shell);

} // namespace ksim::cli
