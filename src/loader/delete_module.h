#pragma once
// rmmod's kernel side (kernel/module/main.c: the delete_module syscall and
// free_module()).

#include "check/guarded_call.h"

#include <string>

namespace ksim {

class Kernel;

struct UnloadOutcome {
    int error = 0; // positive errno
    GuardedCallResult task; // how the task fared inside the exit function
};

// `force` is rmmod -f (O_TRUNC): unload even when in use or without exit,
// tainting the kernel with R, as CONFIG_MODULE_FORCE_UNLOAD allows.
UnloadOutcome delete_module(Kernel& kernel, const std::string& name, bool force);

} // namespace ksim
