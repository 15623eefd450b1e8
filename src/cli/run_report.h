#pragma once
// What one `ksim run` did, for the human report and for --json: the build,
// each command with its output, the kernel log, and ksim's findings.

#include "cli/shell.h"
#include "kernel/findings.h"
#include "kernel/printk_log.h"

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
    int exit_status = 0;
};

std::string report_to_json(const RunReport& report);
// The findings block printed after the kernel log.
std::string format_findings(const std::vector<Finding>& findings);

} // namespace ksim::cli
