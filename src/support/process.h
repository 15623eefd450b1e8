#pragma once
// Running a host program (make, gcc, ld) and collecting what it prints.

#include <string>
#include <vector>

namespace ksim {

struct ProcessResult {
    int status = 0; // exit status, or 128+signal
    std::string output; // stdout and stderr, interleaved as written
};

// Runs argv[0] (searched in PATH) with `argv`, in `cwd` if not empty.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& cwd = {});

} // namespace ksim
