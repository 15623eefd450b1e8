#pragma once
// `ksim run --fault-sweep`: the scenario once without faults, then once per
// failable call N = 1, 2, ... with that call failing, each in a fresh kernel
// in a forked child, until no injectable call is left; then a table of what
// each failure path came to.

#include "cli/scenario.h"

namespace ksim::cli {

// Returns ksim's exit status: 0 when every path is clean, 3 (findings) when
// any path leaks, oopses or warns.
int run_fault_sweep(const ScenarioOptions& scenario, bool json);

} // namespace ksim::cli
