// Oops formatting; see oops_report.h.
#include "check/oops_report.h"

#include "check/kernel_stack.h"
#include "check/stack_trace.h"
#include "kernel/kernel.h"
#include "kernel/module_info_files.h"
#include "kernel/module_registry.h"
#include "kernel/module_source.h"
#include "kernel/task.h"

#include <fmt/format.h>
#include <pthread.h>

#include <csignal>
#include <cstddef>
#include <cstring>
#include <optional>
#include <vector>

namespace ksim {

namespace {

constexpr int kAlert = 1, kDefault = 4;

// A BUG() site: the ud2 at `rip` listed in its module's __bug_table, which
// says where in the source the BUG() was ("kernel BUG at file:line!").
std::optional<std::string> bug_site(Kernel& kernel, uint64_t rip) {
    auto& registry = kernel.modules();
    std::lock_guard guard(registry.lock());
    Module* mod = registry.module_at_locked(rip);
    if (mod == nullptr)
        return std::nullopt;
    struct Entry {
        int32_t bug_addr_disp;
        int32_t file_disp;
        uint16_t line;
        uint16_t flags;
    };
    for (const auto& section : mod->sections) {
        if (section.name != "__bug_table")
            continue;
        for (uint64_t at = section.address; at + sizeof(Entry) <= section.address + section.size;
             at += sizeof(Entry)) {
            Entry e;
            std::memcpy(&e, reinterpret_cast<const void*>(at), sizeof e);
            if (at + e.bug_addr_disp != rip)
                continue;
            uint64_t file = at + offsetof(Entry, file_disp) + e.file_disp;
            if (!mod->core.range.contains(file))
                return std::nullopt;
            return fmt::format("{}:{}", reinterpret_cast<const char*>(file), e.line);
        }
    }
    return std::nullopt;
}
// A fault with the stack pointer (or the faulting address) below the task's
// kernel stack: Linux's #DF path (exc_double_fault(), or page_fault_oops()
// for an access to the guard page), which reports the guard page when the
// address lies in it and a plain double fault otherwise.
enum class Overflow { None, GuardPage, DoubleFault };

Overflow stack_overflow(const FaultRecord& r, bool page_fault) {
    const KernelStack* stack = existing_kernel_stack();
    if (stack == nullptr)
        return Overflow::None;
    if (stack->in_guard_page(r.rsp) || (page_fault && stack->in_guard_page(r.address)))
        return Overflow::GuardPage;
    if (stack->below_stack(r.rsp) || (page_fault && stack->below_stack(r.address)))
        return Overflow::DoubleFault;
    return Overflow::None;
}

std::string hashed(Kernel& kernel, uint64_t pointer) {
    return fmt::format("{:016x}", kernel.api().pointer_hash(pointer) & 0xffffffffu);
}

} // namespace

int report_oops(Kernel& kernel, const FaultRecord& r, uint64_t entry_frame) {
    PrintkLog& log = kernel.log();
    int number = kernel.next_oops_number();
    const bool page_fault = r.signal == SIGSEGV || r.signal == SIGBUS;
    // The CPU's error code for a user-mode fault has the U/S bit set; the
    // module ran "in kernel mode", so report it without.
    uint64_t err = page_fault ? (r.error_code & ~uint64_t(4)) : 0;
    std::string headline;
    std::string trap;
    const Overflow overflow = stack_overflow(r, page_fault);
    if (overflow == Overflow::GuardPage) {
        // handle_stack_overflow(): the address is the access that hit the
        // guard (CR2), %p-hashed like the stack's bounds.
        const KernelStack& stack = *existing_kernel_stack();
        uint64_t hit = page_fault && stack.in_guard_page(r.address) ? r.address : r.rsp;
        headline = fmt::format("BUG: TASK stack guard page was hit at {} (stack is {}..{})",
                               hashed(kernel, hit), hashed(kernel, stack.low()),
                               hashed(kernel, stack.high()));
        log.emit(0, headline);
        trap = "stack guard page";
        err = 0;
    } else if (overflow == Overflow::DoubleFault) {
        // exc_double_fault() when CR2 is not in the guard page: the frame
        // jumped past it.
        headline = "traps: PANIC: double fault, error_code: 0x0";
        log.emit(0, headline);
        trap = "double fault";
        err = 0;
    } else {
        if (page_fault) {
            headline = r.address < 4096
                           ? fmt::format("BUG: kernel NULL pointer dereference, address: {:016x}",
                                         r.address)
                           : fmt::format("BUG: unable to handle page fault for address: {:016x}",
                                         r.address);
            log.emit(kAlert, headline);
            const char* access = (err & 0x10) ? "instruction fetch"
                                 : (err & 2)  ? "write access"
                                              : "read access";
            log.emit(kAlert, fmt::format("#PF: supervisor {} in kernel mode", access));
            log.emit(kAlert, fmt::format("#PF: error_code(0x{:04x}) - {}", err,
                                         (err & 1) ? "permissions violation" : "not-present page"));
            log.emit(kDefault, "PGD 0 P4D 0 ");
        }
        trap = page_fault            ? "Oops"
               : r.signal == SIGFPE  ? "divide error"
               : r.signal == SIGTRAP ? "int3"
                                     : "invalid opcode";
        if (!page_fault)
            headline = fmt::format("{}: {:04x}", trap, err);
        if (r.signal == SIGILL) {
            // report_bug(): BUG() announces itself before the trap line.
            if (auto site = bug_site(kernel, r.rip)) {
                log.emit(kDefault, "------------[ cut here ]------------");
                headline = fmt::format("kernel BUG at {}!", *site);
                log.emit(2, headline); // pr_crit
            }
        }
    }
    log.emit(kDefault, fmt::format("{}: {:04x} [#{}] PREEMPT SMP NOPTI", trap, err, number));
    const task_struct& task = kernel.tasks().current();
    log.emit(kDefault, cpu_line(kernel));
    log.emit(kDefault, "Hardware name: ksim");
    Where rip = locate(kernel, r.rip, false);
    auto regs = register_lines(r, rip.symbol);
    for (const auto& line : regs)
        log.emit(kDefault, line);
    log.emit(kDefault, "Call Trace:");
    log.emit(kDefault, " <TASK>");
    std::vector<Where> frames;
    for (uint64_t ret : walk_frames(kernel, r, entry_frame)) {
        frames.push_back(locate(kernel, ret));
        log.emit(kDefault, " " + frames.back().symbol);
    }
    log.emit(kDefault, " </TASK>");
    log.emit(kDefault, modules_linked_in(kernel));
    // page_fault_oops()'s executive summary; die() paths have none.
    if (page_fault && overflow == Overflow::None)
        log.emit(kDefault, fmt::format("CR2: {:016x}", r.address));
    log.emit(kDefault, "---[ end trace 0000000000000000 ]---");
    for (const auto& line : regs)
        log.emit(kDefault, line);
    kernel.taint().add(TaintFlag::Die);
    // oops_enter() turns lock debugging off without a word.
    kernel.taint().turn_off_lock_debugging();

    // ksim's own addition: where in the sources this happened.
    Finding f = trace_finding(overflow == Overflow::None ? "oops" : "stack-overflow",
                              headline + " in " + rip.symbol, rip, frames);
    if (overflow != Overflow::None) {
        f.details.push_back(fmt::format(
            "the kernel stack ({} KiB, THREAD_SIZE) overflowed; the real kernel reports this from "
            "its double-fault handler and then panics (\"Kernel panic - not syncing: Fatal "
            "exception in interrupt\"): ksim killed the task instead and goes on",
            KernelStack::thread_size / 1024));
    }
    f.details.push_back(fmt::format("task {} (pid {}) was killed", task.comm, task.pid));
    kernel.findings().add(std::move(f));
    // page_fault_oops() kills with SIGKILL; die() (traps, the double fault)
    // with SIGSEGV.
    return page_fault && overflow == Overflow::None ? SIGKILL : SIGSEGV;
}

} // namespace ksim
