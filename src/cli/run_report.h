#pragma once
// What one `ksim run` did, for the human report and for --json: the build,
// each command with its output, the kernel log, and ksim's findings.

#include "cli/shell.h"
#include "kernel/fault_injection.h"
#include "kernel/findings.h"
#include "kernel/printk_log.h"

#include <optional>
#include <string>
#include <vector>

namespace ksim::cli {

struct RunStep {
    std::string command;
    CommandResult result;
};

struct RunReport {
    std::string target;
    bool built = false;
    int build_status = 0;
    std::string build_output;
    std::vector<RunStep> steps;
    std::vector<LogRecord> log;
    std::vector<Finding> findings;
    uint64_t fail_nth = 0;
    uint64_t failable_calls = 0;
    std::optional<InjectedFailure> injected;
    int exit_status = 0;
};

// One line on what a scenario came to: the first failing command's message,
// "task killed (Oops)" or "ok".
std::string outcome_summary(const RunReport& report);

std::string report_to_json(const RunReport& report);
// The findings block printed after the kernel log.
std::string format_findings(const std::vector<Finding>& findings);

} // namespace ksim::cli
