// Kernel stacks and the switch onto them; see kernel_stack.h.
#include "check/kernel_stack.h"

#include <sys/mman.h>

#include <memory>

// run_guarded_on_stack(arg, fn, top): calls fn(arg) with the stack pointer
// at `top`. The first frame record on the new stack is a copy of the
// trampoline's own (caller's frame pointer, return address), so a
// frame-pointer walk from module code continues into the code that entered
// it. %rbx keeps the host frame across the call (callee-saved).
asm(R"(
    .text
    .p2align 4
    .type run_guarded_on_stack, @function
run_guarded_on_stack:
    push %rbp
    mov  %rsp, %rbp
    push %rbx
    mov  %rbp, %rbx
    mov  %rdx, %rsp
    push 8(%rbx)
    push 0(%rbx)
    mov  %rsp, %rbp
    call *%rsi
    lea  -8(%rbx), %rsp
    pop  %rbx
    pop  %rbp
    ret
    .size run_guarded_on_stack, .-run_guarded_on_stack
)");

extern "C" void run_guarded_on_stack(void* arg, void (*fn)(void*), uint64_t top);

namespace ksim {

namespace {

// Per-thread signal plumbing (fault_trap.h): the fault handler and the
// watchdog must find the stack of the thread they interrupt without locks.
thread_local std::unique_ptr<KernelStack> t_stack;
thread_local bool t_on_stack = false;
// The host stack pointer where the thread left for its kernel stack.
thread_local uint64_t t_host_sp = 0;
// Room left below that point: the trampoline's own pushes and then some.
constexpr uint64_t kHostStackGap = 256;

} // namespace

KernelStack::KernelStack() {
    m_mapped = reserve_below + guard_size + thread_size;
    void* p =
        mmap(nullptr, m_mapped, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return;
    m_base = p;
    m_low = reinterpret_cast<uint64_t>(p) + reserve_below + guard_size;
    if (mprotect(reinterpret_cast<void*>(m_low), thread_size, PROT_READ | PROT_WRITE) != 0) {
        munmap(m_base, m_mapped);
        m_base = nullptr;
        m_low = 0;
    }
}

KernelStack::~KernelStack() {
    if (m_base != nullptr)
        munmap(m_base, m_mapped);
}

size_t KernelStack::max_used() const {
    // stack_not_used(): fresh pages are zero; the deepest word ever written
    // is the first non-zero one from the bottom.
    const auto* word = reinterpret_cast<const uint64_t*>(m_low);
    size_t words = thread_size / sizeof(uint64_t), i = 0;
    while (i < words && word[i] == 0)
        ++i;
    return (words - i) * sizeof(uint64_t);
}

KernelStack* this_thread_kernel_stack() {
    if (!t_stack) {
        auto stack = std::make_unique<KernelStack>();
        if (!stack->valid())
            return nullptr;
        t_stack = std::move(stack);
    }
    return t_stack.get();
}

const KernelStack* existing_kernel_stack() {
    return t_stack.get();
}

bool on_kernel_stack() {
    return t_on_stack;
}

bool call_on_kernel_stack(void (*fn)(void*), void* arg) {
    KernelStack* stack = this_thread_kernel_stack();
    if (stack == nullptr)
        return false;
    uint64_t sp;
    asm volatile("mov %%rsp, %0" : "=r"(sp));
    const uint64_t saved_sp = t_host_sp;
    t_host_sp = sp;
    t_on_stack = true;
    run_guarded_on_stack(arg, fn, stack->high());
    t_on_stack = false;
    t_host_sp = saved_sp;
    return true;
}

void call_on_host_stack(void (*fn)(void*), void* arg) {
    if (!t_on_stack) {
        fn(arg);
        return;
    }
    t_on_stack = false;
    run_guarded_on_stack(arg, fn, (t_host_sp - kHostStackGap) & ~uint64_t(15));
    t_on_stack = true;
}

void left_kernel_stack() {
    t_on_stack = false;
    t_host_sp = 0;
}

} // namespace ksim
