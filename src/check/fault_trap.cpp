// Fault trapping; see fault_trap.h.
#include "check/fault_trap.h"

#include "kernel/module_memory.h"

#include <signal.h>
#include <sys/ucontext.h>
#include <ucontext.h>

#include <cstdlib>
#include <mutex>

namespace ksim {

namespace {

thread_local FaultGuard* t_guard = nullptr;
thread_local bool t_altstack_ready = false;
// Depth of KillableWait scopes; a kill jumps out of them and resets it.
thread_local int t_killable = 0;
constexpr int kSignals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP};

bool in_module_code(uint64_t rip) {
    // Module images all live in one fixed area: a lock-free test.
    return rip >= ModuleMemoryArea::area_start && rip < ModuleMemoryArea::area_end;
}

void handle_fault(int signal, siginfo_t* info, void* context) {
    FaultGuard* guard = t_guard;
    auto* uc = static_cast<ucontext_t*>(context);
    if (signal == watchdog_signal()) {
        // Only module code can be abandoned safely; the watchdog retries.
        if (guard == nullptr ||
            (t_killable == 0 && !in_module_code(uc->uc_mcontext.gregs[REG_RIP])))
            return;
    } else if (guard == nullptr) {
        // Not in module context: ksim's own bug. Crash as the default would.
        struct sigaction dfl = {};
        dfl.sa_handler = SIG_DFL;
        sigaction(signal, &dfl, nullptr);
        return; // the faulting instruction runs again and kills the process
    }
    const greg_t* g = uc->uc_mcontext.gregs;
    FaultRecord& r = guard->record;
    r.signal = signal;
    r.code = info->si_code;
    r.address = reinterpret_cast<uint64_t>(info->si_addr);
    r.error_code = static_cast<uint64_t>(g[REG_ERR]);
    r.rip = g[REG_RIP];
    r.rsp = g[REG_RSP];
    r.rbp = g[REG_RBP];
    r.eflags = g[REG_EFL];
    r.rax = g[REG_RAX];
    r.rbx = g[REG_RBX];
    r.rcx = g[REG_RCX];
    r.rdx = g[REG_RDX];
    r.rsi = g[REG_RSI];
    r.rdi = g[REG_RDI];
    r.r8 = g[REG_R8];
    r.r9 = g[REG_R9];
    r.r10 = g[REG_R10];
    r.r11 = g[REG_R11];
    r.r12 = g[REG_R12];
    r.r13 = g[REG_R13];
    r.r14 = g[REG_R14];
    r.r15 = g[REG_R15];
    t_guard = guard->outer;
    t_killable = 0;
    siglongjmp(guard->jump, 1);
}

void install_handlers() {
    static std::once_flag once;
    std::call_once(once, [] {
        struct sigaction sa = {};
        sa.sa_sigaction = handle_fault;
        sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
        sigemptyset(&sa.sa_mask);
        for (int s : kSignals)
            sigaction(s, &sa, nullptr);
        sigaction(watchdog_signal(), &sa, nullptr);
    });
    if (!t_altstack_ready) {
        // The handler must not run on the stack that may have overflowed.
        static thread_local char altstack[64 * 1024];
        stack_t ss = {};
        ss.ss_sp = altstack;
        ss.ss_size = sizeof altstack;
        sigaltstack(&ss, nullptr);
        t_altstack_ready = true;
    }
}

} // namespace

int watchdog_signal() { return SIGRTMIN + 4; }

KillableWait::KillableWait() { ++t_killable; }
KillableWait::~KillableWait() { --t_killable; }

void enter_fault_guard(FaultGuard& guard) {
    install_handlers();
    guard.outer = t_guard;
    t_guard = &guard;
}

void leave_fault_guard(FaultGuard& guard) { t_guard = guard.outer; }

void abandon_guarded_region() {
    FaultGuard* guard = t_guard;
    if (guard == nullptr)
        return;
    guard->record = FaultRecord{};
    t_guard = guard->outer;
    siglongjmp(guard->jump, 1);
}

uint64_t current_entry_frame() { return t_guard ? t_guard->entry_frame : UINT64_MAX; }

} // namespace ksim
