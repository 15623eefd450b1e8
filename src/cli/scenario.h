#pragma once
// One run of a scenario (a list of script lines against a module directory)
// in a fresh kernel: what `ksim run` does once, and what the fault sweep does
// for every failing call.

#include "cli/run_report.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ksim::cli {

struct ScenarioOptions {
    std::string dir; // working directory of the script (the module directory)
    std::vector<std::string> lines;
    uint64_t fail_nth = 0;
    bool virtual_clock = false;
    unsigned soft_lockup_secs = 20; // KernelConfig::soft_lockup_secs
    bool echo = true; // print the transcript live
    bool timestamps = true;
};

// Runs the scenario, filling the command steps, log, findings and fault
// injection results of `report`, and its exit status.
void run_scenario(const ScenarioOptions& options, RunReport& report);

} // namespace ksim::cli
