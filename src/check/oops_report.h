#pragma once
// The kernel's report of a fault in kernel mode (arch/x86/mm/fault.c:
// page_fault_oops(), show_fault_oops(); arch/x86/kernel/dumpstack.c:
// __die(), show_regs(), oops_end()) in Linux 6.1's format, followed in
// ksim's own channel by the source line of each frame.

#include "check/fault_trap.h"

namespace ksim {

class Kernel;

// Logs the Oops for `record`, taints the kernel with D and adds a Finding.
// `entry_frame` is the frame pointer where the guarded call began (the
// trace stops there). Returns the signal the task dies of: SIGKILL for a
// page fault, SIGSEGV for traps (invalid opcode, divide error), as Linux's
// oops_end() kills the task.
int report_oops(Kernel& kernel, const FaultRecord& record, uint64_t entry_frame);

} // namespace ksim
