#pragma once
// Catching hardware faults raised while a task runs module code. A fault
// (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP) inside a guarded region is
// recorded and control jumps back to where the region was entered; outside
// any guarded region the signal keeps its default action, so a bug in ksim
// itself still crashes ksim. The soft-lockup watchdog's signal stops a task
// the same way, but only while the thread executes module code: anywhere
// else (ksim's own code may hold locks) it is ignored and sent again later.
//
// Signal handling forces some process-wide state: the handlers are installed
// once per process, and each thread has its own alternate signal stack and
// its innermost guarded region in a thread_local. No kernel state lives
// there; the record is handed to the kernel's Oops code after the jump.

#include <csetjmp>
#include <cstdint>

namespace ksim {

struct FaultRecord {
    int signal = 0;
    int code = 0; // si_code
    uint64_t address = 0; // si_addr (CR2 for page faults)
    uint64_t error_code = 0; // x86 page-fault error code from the CPU
    uint64_t rip = 0, rsp = 0, rbp = 0, eflags = 0;
    uint64_t rax = 0, rbx = 0, rcx = 0, rdx = 0, rsi = 0, rdi = 0;
    uint64_t r8 = 0, r9 = 0, r10 = 0, r11 = 0, r12 = 0, r13 = 0, r14 = 0, r15 = 0;
};

// One guarded region on the current thread. Enter with GUARDED_SETJMP.
struct FaultGuard {
    sigjmp_buf jump;
    FaultRecord record;
    FaultGuard* outer = nullptr;
    // Frame pointer of the code that entered the region; stack traces of
    // reports made inside it stop there.
    uint64_t entry_frame = 0;
};

// The signal the soft-lockup watchdog sends a stuck task's thread.
int watchdog_signal();

// Marks ksim code that busy-waits on a module's behalf and holds nothing
// (udelay, a spinlock's spin) as safe to abandon, like module code, so that
// a task stuck there can be stopped by the watchdog.
class KillableWait {
  public:
    KillableWait();
    ~KillableWait();
    KillableWait(const KillableWait&) = delete;
    KillableWait& operator=(const KillableWait&) = delete;
};

// The innermost region's entry frame on this thread, or UINT64_MAX.
uint64_t current_entry_frame();

// Makes `guard` the innermost region of this thread (installing handlers and
// the alternate stack on first use); leave() restores the outer one.
void enter_fault_guard(FaultGuard& guard);
void leave_fault_guard(FaultGuard& guard);

// Leaves the innermost region from ordinary code, as a fault would, with no
// fault recorded (record.signal == 0): the task ends without an Oops (a
// deadlock ksim reported). Returns only when no region is active.
void abandon_guarded_region();

} // namespace ksim
