// Module code runs on a 16 KiB kernel stack with a guard page (issue 4):
// the stack's layout, the switch in run_guarded (nested calls stay on it),
// overflow reports, and how much of it ksim's own code needs when module
// code calls into it (printk, WARN, dump_stack).
#include "check/guarded_call.h"
#include "check/kernel_stack.h"
#include "kernel/kernel.h"
#include "kernel/module_memory.h"

#include <gtest/gtest.h>

#include <csignal>
#include <cstring>
#include <functional>
#include <iostream>
#include <thread>

extern "C" {
int _printk(const char* fmt, ...);
void dump_stack(void);
void warn_slowpath_fmt(const char* file, const int line, unsigned taint, const char* fmt, ...);
}

namespace {

bool logged(ksim::Kernel& k, const std::string& prefix) {
    for (const auto& r : k.log().records())
        if (r.text.rfind(prefix, 0) == 0)
            return true;
    return false;
}

uint64_t frame_here() {
    return reinterpret_cast<uint64_t>(__builtin_frame_address(0));
}

// Recursion `limit` deep; the volatile buffer keeps the frames from being
// optimised away, the volatile limit the recursion from being bounded.
volatile int g_unbounded = 1 << 30;
__attribute__((noinline)) int recurse(int n, int limit) {
    volatile char pad[128];
    pad[0] = static_cast<char>(n);
    if (n >= limit)
        return 0;
    return recurse(n + 1, limit) + pad[0] - pad[0];
}

// The high-water mark of a fresh thread's kernel stack after `body` ran on it.
size_t stack_used_by(ksim::Kernel& kernel, const std::function<void()>& body) {
    size_t used = 0;
    bool completed = false;
    std::thread t([&] {
        completed = ksim::run_guarded(kernel, body).completed;
        used = ksim::existing_kernel_stack()->max_used();
    });
    t.join();
    EXPECT_TRUE(completed);
    return used;
}

TEST(KernelStack, IsThreadSizeWithAGuardPageBelow) {
    ksim::KernelStack stack;
    ASSERT_TRUE(stack.valid());
    EXPECT_EQ(stack.high() - stack.low(), 16384u);
    EXPECT_TRUE(stack.contains(stack.low()));
    EXPECT_FALSE(stack.contains(stack.high()));
    EXPECT_TRUE(stack.in_guard_page(stack.low() - 1));
    EXPECT_TRUE(stack.in_guard_page(stack.low() - 4096));
    EXPECT_FALSE(stack.in_guard_page(stack.low() - 4097));
    EXPECT_FALSE(stack.in_guard_page(stack.low()));
    EXPECT_TRUE(stack.below_stack(stack.low() - 4097));
    // The stack is writable (the guard's faults: the overflow tests), and
    // its high-water mark counts from the top.
    *reinterpret_cast<volatile char*>(stack.high() - 1) = 1;
    EXPECT_EQ(stack.max_used(), 8u);
}

TEST(KernelStack, ModuleCodeRunsOnItAndNestedCallsStayThere) {
    ksim::Kernel kernel;
    EXPECT_FALSE(ksim::on_kernel_stack());
    uint64_t outer = 0, inner = 0;
    auto r = ksim::run_guarded(kernel, [&] {
        outer = frame_here();
        EXPECT_TRUE(ksim::on_kernel_stack());
        ksim::run_guarded(kernel, [&] { inner = frame_here(); });
    });
    EXPECT_TRUE(r.completed);
    EXPECT_FALSE(ksim::on_kernel_stack());
    const ksim::KernelStack* stack = ksim::existing_kernel_stack();
    ASSERT_NE(stack, nullptr);
    EXPECT_TRUE(stack->contains(outer));
    EXPECT_TRUE(stack->contains(inner));
    EXPECT_LT(inner, outer);
    // The same stack again on the next call of this thread.
    uint64_t again = 0;
    ksim::run_guarded(kernel, [&] { again = frame_here(); });
    EXPECT_EQ(again, outer);
    EXPECT_EQ(ksim::existing_kernel_stack(), stack);
}

TEST(KernelStack, OverflowHitsTheGuardPageAndKillsTheTask) {
    ksim::Kernel kernel;
    auto r = ksim::run_guarded(kernel, [] { recurse(0, g_unbounded); });
    EXPECT_FALSE(r.completed);
    EXPECT_EQ(r.exit_signal, SIGSEGV);
    EXPECT_FALSE(ksim::on_kernel_stack());
    EXPECT_TRUE(logged(kernel, "BUG: TASK stack guard page was hit at 00000000"));
    EXPECT_TRUE(logged(kernel, "stack guard page: 0000 [#1] PREEMPT SMP NOPTI"));
    EXPECT_FALSE(logged(kernel, "#PF:"));
    EXPECT_TRUE(kernel.taint().has(ksim::TaintFlag::Die));
    ASSERT_EQ(kernel.findings().count(), 1u);
    EXPECT_EQ(kernel.findings().all()[0].kind, "stack-overflow");
    // The stack is whole again for the next task on this thread.
    int ran = 0;
    EXPECT_TRUE(ksim::run_guarded(kernel, [&] { ran = recurse(0, 10) + 1; }).completed);
    EXPECT_EQ(ran, 1);
}

TEST(KernelStack, AFrameFarPastTheGuardIsADoubleFault) {
    ksim::Kernel kernel;
    auto r = ksim::run_guarded(kernel, [] {
        // What a 40 KiB local array does: the stack pointer jumps past the
        // guard page, and the first push faults there.
        asm volatile("sub $0xa000, %%rsp\n\tpush %%rax\n\tadd $0xa008, %%rsp" ::: "memory");
    });
    EXPECT_FALSE(r.completed);
    EXPECT_TRUE(logged(kernel, "traps: PANIC: double fault, error_code: 0x0"));
    EXPECT_TRUE(logged(kernel, "double fault: 0000 [#1] PREEMPT SMP NOPTI"));
}

TEST(KernelStack, KsimsOwnCallsFitInIt) {
    ksim::Kernel kernel;
    // Module code calls into ksim on this stack: the heaviest calls a module
    // makes must leave room for the module's own frames.
    size_t printk = stack_used_by(kernel, [] {
        _printk("\0016%s %d %08x %pS %*ph %pe\n", "text", 42, 0xbeefu,
                reinterpret_cast<void*>(&_printk), 4, "abcd", reinterpret_cast<void*>(-12L));
    });
    size_t warn = stack_used_by(kernel, [] { warn_slowpath_fmt("x.c", 1, 9, "%s\n", "warned"); });
    size_t dump = stack_used_by(kernel, [] { dump_stack(); });
    std::cout << "kernel stack used: printk " << printk << " B, WARN " << warn << " B, dump_stack "
              << dump << " B of 16384\n";
    EXPECT_LT(printk, 8192u);
    EXPECT_LT(warn, 12288u);
    EXPECT_LT(dump, 12288u);
    EXPECT_EQ(kernel.findings().count(), 1u); // the WARN, no overflow
}

TEST(SoftLockup, SpinningModuleCodeIsReportedAndKilled) {
    ksim::KernelConfig config;
    config.soft_lockup_secs = 1;
    ksim::Kernel kernel(config);
    // "jmp ." in module memory: only module code can be stopped.
    ksim::ModuleMemoryArea area;
    auto range = area.allocate(4096);
    ASSERT_FALSE(range.is_error());
    std::memcpy(reinterpret_cast<void*>(range.value().base), "\xeb\xfe", 2);
    ksim::ModuleMemoryArea::protect(range.value(), ksim::Protection::ReadExecute);
    auto spin = reinterpret_cast<void (*)()>(range.value().base);
    auto r = ksim::run_guarded(kernel, [&] { spin(); });
    EXPECT_FALSE(r.completed);
    EXPECT_EQ(r.exit_signal, SIGKILL);
    EXPECT_TRUE(logged(kernel, "watchdog: BUG: soft lockup - CPU#0 stuck for 1s! [ksim:"));
    EXPECT_TRUE(kernel.taint().has(ksim::TaintFlag::SoftLockup));
    EXPECT_FALSE(kernel.taint().has(ksim::TaintFlag::Die));
    ASSERT_EQ(kernel.findings().count(), 1u);
    EXPECT_EQ(kernel.findings().all()[0].kind, "soft-lockup");
    // The thread is usable again.
    EXPECT_TRUE(ksim::run_guarded(kernel, [] {}).completed);
}

} // namespace
