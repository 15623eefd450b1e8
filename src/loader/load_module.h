#pragma once
// insmod's kernel side (kernel/module/main.c: load_module() and
// do_init_module()): validate, lay out, relocate, link against exports,
// parse parameters, run init, free the init sections.

#include "check/guarded_call.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ksim {

class Kernel;

struct LoadOutcome {
    // 0 or a positive errno, as finit_module() would fail with it.
    int error = 0;
    // How the calling task fared inside init (killed by an Oops or not).
    GuardedCallResult task;
};

// Loads the module image `bytes` read from `path`, passing `args` (the
// parameter string, "a=1 b=2") to it. Kernel messages go to the kernel log.
LoadOutcome load_module(Kernel& kernel, const std::string& path, std::vector<uint8_t> bytes,
                        const std::string& args);

} // namespace ksim
