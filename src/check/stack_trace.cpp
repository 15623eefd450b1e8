// Stack walking and common report lines; see stack_trace.h.
#include "check/stack_trace.h"

#include "kernel/kernel.h"
#include "kernel/module_info_files.h"
#include "kernel/module_registry.h"
#include "kernel/module_source.h"
#include "kernel/task.h"

#include <fmt/format.h>
#include <pthread.h>

namespace ksim {


const HostSymbols& host_symbols() {
    // Immutable once read: the binary does not change while it runs.
    static const HostSymbols symbols = HostSymbols::load();
    return symbols;
}


Where locate(Kernel& kernel, uint64_t address, bool return_address) {
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

bool is_code(Kernel& kernel, uint64_t address) {
    {
        auto& registry = kernel.modules();
        std::lock_guard guard(registry.lock());
        if (registry.module_at_locked(address) != nullptr)
            return true;
    }
    return host_symbols().lookup(address).has_value();
}

// The return addresses of the task's stack, innermost first: the
// frame-pointer chain from the faulting frame, through module code into
// ksim's own frames (Linux's trace goes on through the syscall path the same
// way), up to the command that started the task.
std::vector<uint64_t> walk_frames(Kernel& kernel, const FaultRecord& r, uint64_t entry_frame) {
    std::vector<uint64_t> frames;
    pthread_attr_t attr;
    void* stack_base = nullptr;
    size_t stack_size = 0;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        pthread_attr_getstack(&attr, &stack_base, &stack_size);
        pthread_attr_destroy(&attr);
    }
    auto low = reinterpret_cast<uint64_t>(stack_base);
    uint64_t high = low + stack_size;
    auto on_stack = [&](uint64_t p) { return p >= low && p + 16 <= high && p % 8 == 0; };
    // A fault before the function's prologue has pushed %rbp (a load that the
    // compiler scheduled first): its return address is still on top of the stack.
    if (on_stack(r.rsp)) {
        uint64_t top = *reinterpret_cast<const uint64_t*>(r.rsp);
        Where rip = locate(kernel, r.rip);
        auto host = host_symbols().lookup(top);
        if (rip.symbol.find("+0x0/") != std::string::npos && is_code(kernel, top) &&
            !(host && host->plumbing))
            frames.push_back(top);
    }
    uint64_t rbp = r.rbp;
    // Stop a few frames past the guarded call: deeper ksim frames (the shell,
    // main) say nothing about the module.
    for (int depth = 0; depth < 24 && on_stack(rbp); ++depth) {
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
        if (rbp >= entry_frame || fp[0] <= rbp)
            break;
        rbp = fp[0];
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

void log_stack_dump(Kernel& kernel, int level, uint64_t rbp, uint64_t entry_frame) {
    PrintkLog& log = kernel.log();
    log.emit(level, cpu_line(kernel));
    log.emit(level, "Hardware name: ksim");
    log.emit(level, "Call Trace:");
    log.emit(level, " <TASK>");
    FaultRecord from;
    from.rbp = rbp;
    for (uint64_t ret : walk_frames(kernel, from, entry_frame))
        log.emit(level, " " + locate(kernel, ret).symbol);
    log.emit(level, " </TASK>");
}

} // namespace ksim
