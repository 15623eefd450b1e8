// Stack walking and common report lines; see stack_trace.h.
#include "check/stack_trace.h"

#include "check/kernel_stack.h"
#include "kernel/kernel.h"
#include "kernel/module_info_files.h"
#include "kernel/module_registry.h"
#include "kernel/module_source.h"
#include "kernel/task.h"

#include <fmt/format.h>
#include <pthread.h>

#include <cstring>

namespace ksim {

const HostSymbols& host_symbols() {
    // Immutable once read: the binary does not change while it runs.
    // Reading the table demangles every name, which can recurse deeply: on
    // the host stack, in case the first report comes from module context.
    static const HostSymbols symbols = [] {
        HostSymbols table;
        with_host_stack([&] { table = HostSymbols::load(); });
        return table;
    }();
    return symbols;
}

namespace {

Where locate_here(Kernel& kernel, uint64_t address, bool return_address) {
    Where w;
    {
        auto& registry = kernel.modules();
        std::unique_lock guard(registry.lock());
        if (Module* mod = registry.module_at_locked(address)) {
            guard.unlock();
            w.symbol = module_symbol_string(*mod, address);
            w.source = module_source_line(*mod, address, return_address);
            w.module = mod->name;
            return w;
        }
    }
    if (auto sym = host_symbols().lookup(address))
        w.symbol = fmt::format("{}+0x{:x}/0x{:x}", sym->name, address - sym->address, sym->size);
    else
        w.symbol = fmt::format("0x{:x}", address);
    return w;
}

} // namespace

Where locate(Kernel& kernel, uint64_t address, bool return_address) {
    // Source lines come from DWARF, and libdw needs far more stack than a
    // kernel stack has: symbolize on the host stack.
    Where w;
    with_host_stack([&] { w = locate_here(kernel, address, return_address); });
    return w;
}

bool is_code(Kernel& kernel, uint64_t address) {
    {
        auto& registry = kernel.modules();
        std::lock_guard guard(registry.lock());
        if (registry.module_at_locked(address) != nullptr)
            return true;
    }
    return host_symbols().lookup(address).has_value();
}

namespace {

// The stacks a task's frames can be on: its kernel stack (module code and
// the kernel functions it calls) and the host thread's stack (the ksim code
// that entered module code).
struct TaskStacks {
    uint64_t kernel_low = 0, kernel_high = 0;
    uint64_t host_low = 0, host_high = 0;

    TaskStacks() {
        if (const KernelStack* k = existing_kernel_stack()) {
            kernel_low = k->low();
            kernel_high = k->high();
        }
        pthread_attr_t attr;
        void* base = nullptr;
        size_t size = 0;
        if (pthread_getattr_np(pthread_self(), &attr) == 0) {
            pthread_attr_getstack(&attr, &base, &size);
            pthread_attr_destroy(&attr);
        }
        host_low = reinterpret_cast<uint64_t>(base);
        host_high = host_low + size;
    }
    // 1: kernel stack, 2: host stack, 0: neither (or not a frame address).
    int which(uint64_t p) const {
        if (p % 8 != 0)
            return 0;
        if (p >= kernel_low && p + 16 <= kernel_high)
            return 1;
        if (p >= host_low && p + 16 <= host_high)
            return 2;
        return 0;
    }
};

// "fn" of "fn+0x1a/0x40 [mod]".
std::string function_name(const std::string& symbol) {
    return symbol.substr(0, symbol.find('+'));
}

// Whether `ret` follows a direct call (e8 rel32) to the start of the
// function that contains `rip`.
bool calls_function_at(Kernel& kernel, uint64_t ret, uint64_t rip) {
    {
        auto& registry = kernel.modules();
        std::lock_guard guard(registry.lock());
        if (registry.module_at_locked(ret) == nullptr ||
            registry.module_at_locked(ret - 5) == nullptr)
            return false;
    }
    const auto* call = reinterpret_cast<const unsigned char*>(ret - 5);
    if (call[0] != 0xe8)
        return false;
    int32_t rel;
    std::memcpy(&rel, call + 1, sizeof rel);
    Where target = locate(kernel, ret + static_cast<int64_t>(rel), false);
    return target.symbol.find("+0x0/") != std::string::npos &&
           function_name(target.symbol) == function_name(locate(kernel, rip, false).symbol);
}

} // namespace

// The return addresses of the task's stack, innermost first: the
// frame-pointer chain from the faulting frame, through module code into
// ksim's own frames (Linux's trace goes on through the syscall path the same
// way), up to the command that started the task. The chain may leave the
// kernel stack once, through the frame record the stack switch left there.
std::vector<uint64_t> walk_frames(Kernel& kernel, const FaultRecord& r, uint64_t entry_frame) {
    std::vector<uint64_t> frames;
    TaskStacks stacks;
    // A fault before the function's prologue has pushed %rbp (a load that the
    // compiler scheduled first), or anywhere in a leaf the compiler built
    // without a frame: its return address is still on top of the stack.
    if (stacks.which(r.rsp) != 0) {
        uint64_t top = *reinterpret_cast<const uint64_t*>(r.rsp);
        Where rip = locate(kernel, r.rip);
        auto host = host_symbols().lookup(top);
        if ((rip.symbol.find("+0x0/") != std::string::npos ||
             calls_function_at(kernel, top, r.rip)) &&
            is_code(kernel, top) && !(host && host->plumbing))
            frames.push_back(top);
    }
    uint64_t rbp = r.rbp;
    const int entry_stack = stacks.which(entry_frame);
    // Stop a few frames past the guarded call: deeper ksim frames (the shell,
    // main) say nothing about the module.
    for (int depth = 0; depth < 24; ++depth) {
        const int here = stacks.which(rbp);
        if (here == 0)
            break;
        auto* fp = reinterpret_cast<const uint64_t*>(rbp);
        uint64_t ret = fp[1];
        if (!is_code(kernel, ret))
            break;
        // ksim's plumbing between the kernel function and the module (the
        // guarded call, std::function, lambdas) is not a kernel frame.
        auto host = host_symbols().lookup(ret);
        if (!host || !host->plumbing)
            frames.push_back(ret);
        // run_guarded's own frame record leads back to the kernel function
        // that entered module code (load_module, delete_module, a file
        // operation): the trace ends there, as Linux's ends at the syscall.
        if (here == entry_stack && rbp >= entry_frame)
            break;
        const uint64_t next = fp[0];
        const int there = stacks.which(next);
        // Frames grow towards higher addresses on one stack; the only jump
        // allowed is from the kernel stack back to the host's.
        if (there == 0 || (there == here && next <= rbp) || (there != here && here != 1))
            break;
        rbp = next;
    }
    return frames;
}

std::vector<std::string> register_lines(const FaultRecord& r, const std::string& rip) {
    return {
        fmt::format("RIP: 0010:{}", rip),
        fmt::format("RSP: 0018:{:016x} EFLAGS: {:08x}", r.rsp, r.eflags),
        fmt::format("RAX: {:016x} RBX: {:016x} RCX: {:016x}", r.rax, r.rbx, r.rcx),
        fmt::format("RDX: {:016x} RSI: {:016x} RDI: {:016x}", r.rdx, r.rsi, r.rdi),
        fmt::format("RBP: {:016x} R08: {:016x} R09: {:016x}", r.rbp, r.r8, r.r9),
        fmt::format("R10: {:016x} R11: {:016x} R12: {:016x}", r.r10, r.r11, r.r12),
        fmt::format("R13: {:016x} R14: {:016x} R15: {:016x}", r.r13, r.r14, r.r15),
    };
}

std::string modules_linked_in(Kernel& kernel) {
    std::string out = "Modules linked in:";
    for (const auto& m : module_summaries(kernel))
        out += " " + m.name + m.flags;
    auto& registry = kernel.modules();
    std::lock_guard guard(registry.lock());
    if (!registry.last_unloaded().empty())
        out += " [last unloaded: " + registry.last_unloaded() + "]";
    return out;
}

std::string cpu_line(Kernel& kernel) {
    const task_struct& task = kernel.tasks().current();
    return fmt::format("CPU: 0 PID: {} Comm: {} {} {} #1", task.pid, task.comm,
                       kernel.taint().describe(), kernel.config().release);
}

void log_call_trace(Kernel& kernel, int level, uint64_t rbp, uint64_t entry_frame) {
    PrintkLog& log = kernel.log();
    log.emit(level, "Call Trace:");
    log.emit(level, " <TASK>");
    FaultRecord from;
    from.rbp = rbp;
    for (uint64_t ret : walk_frames(kernel, from, entry_frame))
        log.emit(level, " " + locate(kernel, ret).symbol);
    log.emit(level, " </TASK>");
}

void log_stack_dump(Kernel& kernel, int level, uint64_t rbp, uint64_t entry_frame) {
    PrintkLog& log = kernel.log();
    log.emit(level, cpu_line(kernel));
    log.emit(level, "Hardware name: ksim");
    log_call_trace(kernel, level, rbp, entry_frame);
}

Finding trace_finding(std::string kind, std::string summary, const Where& rip,
                      const std::vector<Where>& frames) {
    Finding f;
    f.kind = std::move(kind);
    f.summary = std::move(summary);
    f.module = rip.module;
    f.location = rip.source.empty() ? rip.symbol : rip.symbol + " (" + rip.source + ")";
    f.details.push_back("RIP: " + f.location);
    for (const auto& w : frames) {
        if (f.module.empty())
            f.module = w.module;
        f.details.push_back("  " + w.symbol + (w.source.empty() ? "" : "  " + w.source));
    }
    return f;
}

} // namespace ksim
