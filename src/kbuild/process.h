#pragma once
// Runs the external tools of the module build (make, gcc, ld) without a
// shell, so paths with spaces or quotes in a module directory are safe.

#include "support/error_or.h"

#include <string>
#include <vector>

namespace ksim::kbuild {

struct ProcessResult {
    int exit_status = 0; // the tool's exit status; 128+signal if it was killed
    std::string output;  // its stdout, when captured
};

// Runs argv[0] (looked up in PATH) and waits. With `capture_stdout` the
// child's stdout is collected into the result; otherwise it shares ours.
// stderr is always shared, so compiler diagnostics reach the user unchanged.
ErrorOr<ProcessResult> run_process(const std::vector<std::string>& argv, bool capture_stdout);

// argv as one shell-quoted line, for V=1 output and compile_commands.json.
std::string command_line(const std::vector<std::string>& argv);

} // namespace ksim::kbuild
