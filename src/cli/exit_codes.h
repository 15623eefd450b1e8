#pragma once
// ksim's exit statuses, documented in docs/exit-codes.md.

namespace ksim::cli {

enum ExitCode : int {
    exit_ok = 0,
    exit_command_failed = 1, // a kernel command failed (insmod error, rmmod refused, ...)
    exit_usage = 2, // bad command line
    exit_findings = 3, // ksim run: the run worked but ksim found problems (leaks, Oops, ...)
    exit_build_failed = 4, // the module build (compile, modpost, link) failed
    exit_internal = 70, // ksim itself failed (EX_SOFTWARE)
};

} // namespace ksim::cli
