#pragma once
// Stack traces and the common lines of the kernel's reports (Oops, WARNING,
// dump_stack): symbols for addresses in modules and in ksim itself, the
// frame-pointer walk, registers, "CPU: ... Comm: ... Tainted: ..." and
// "Modules linked in: ...".

#include "check/fault_trap.h"
#include "check/host_symbols.h"
#include "kernel/findings.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ksim {

class Kernel;

const HostSymbols& host_symbols();

struct Where {
    std::string symbol; // "fn+0x1a/0x40 [mod]" or "fn+0x1a/0x40"
    std::string source; // "file.c:12" for module code
    std::string module;
};

// `return_address`: the address follows a call (a stack frame, a call site
// recorded with __builtin_return_address), so its source line is the call's.
Where locate(Kernel& kernel, uint64_t address, bool return_address = true);
bool is_code(Kernel& kernel, uint64_t address);

// Return addresses of the calling task's stack, innermost first, from the
// fault's (or the caller's) registers up to the frame at `entry_frame`.
std::vector<uint64_t> walk_frames(Kernel& kernel, const FaultRecord& r, uint64_t entry_frame);

std::vector<std::string> register_lines(const FaultRecord& r, const std::string& rip);
std::string modules_linked_in(Kernel& kernel);
// "CPU: 0 PID: 123 Comm: insmod Tainted: G           OE      6.1.0-ksim #1"
std::string cpu_line(Kernel& kernel);

// A finding about a task stopped in module code, with ksim's own addition
// to the kernel's report: the source line of the faulting instruction and
// of each frame of the trace.
Finding trace_finding(std::string kind, std::string summary, const Where& rip,
                      const std::vector<Where>& frames);

// "Call Trace:", <TASK>, a line per frame from `rbp` up to `entry_frame`,
// </TASK>: the trace block of every report.
void log_call_trace(Kernel& kernel, int level, uint64_t rbp, uint64_t entry_frame);

// dump_stack(): CPU and hardware lines, then the call trace from `rbp`.
void log_stack_dump(Kernel& kernel, int level, uint64_t rbp, uint64_t entry_frame);

} // namespace ksim
