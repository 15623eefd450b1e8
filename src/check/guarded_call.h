#pragma once
// Runs module code the way the kernel runs it for a task: on a kernel-sized
// stack, with faults in module code turned into an Oops that kills only the
// calling task (DESIGN.md: faults are Oopses, not crashes). Every entry into
// module code (init, exit, file operations, timers, work) goes through here.

#include <functional>
#include <string>

namespace ksim {

class Kernel;

struct GuardedCallResult {
    // False when the task died in module code (Oops, BUG, stack overflow):
    // the caller must treat the task as killed, as Linux does.
    bool completed = true;
    // The signal the dying task reports to its parent (SIGKILL or SIGSEGV),
    // for the shell's "Killed" / "Segmentation fault" line.
    int exit_signal = 0;
};

GuardedCallResult run_guarded(Kernel& kernel, const std::function<void()>& body);

} // namespace ksim
