// run_guarded(): faults inside become Oopses that kill only the task.
#include "check/guarded_call.h"
#include "kernel/kernel.h"

#include <gtest/gtest.h>

#include <csignal>

namespace {

// A pointer the compiler cannot see through, so the faulting access is
// really emitted.
template <typename T> volatile T* bad_pointer(uintptr_t address) {
    volatile uintptr_t laundered = address;
    return reinterpret_cast<volatile T*>(laundered);
}

bool logged(ksim::Kernel& k, const std::string& prefix) {
    for (const auto& r : k.log().records())
        if (r.text.rfind(prefix, 0) == 0)
            return true;
    return false;
}

TEST(GuardedCall, CompletesNormally) {
    ksim::Kernel kernel;
    int ran = 0;
    auto result = ksim::run_guarded(kernel, [&] { ran = 1; });
    EXPECT_TRUE(result.completed);
    EXPECT_EQ(ran, 1);
    EXPECT_FALSE(kernel.taint().has(ksim::TaintFlag::Die));
}

TEST(GuardedCall, NullDereferenceIsAnOopsThatKillsTheTask) {
    ksim::Kernel kernel;
    auto result = ksim::run_guarded(kernel, [] {
        (void)*bad_pointer<int>(16);
    });
    EXPECT_FALSE(result.completed);
    EXPECT_EQ(result.exit_signal, SIGKILL);
    EXPECT_TRUE(logged(kernel, "BUG: kernel NULL pointer dereference, address: 0000000000000010"));
    EXPECT_TRUE(logged(kernel, "#PF: supervisor read access in kernel mode"));
    EXPECT_TRUE(logged(kernel, "Oops: 0000 [#1] PREEMPT SMP NOPTI"));
    EXPECT_TRUE(logged(kernel, "---[ end trace 0000000000000000 ]---"));
    EXPECT_TRUE(kernel.taint().has(ksim::TaintFlag::Die));
    ASSERT_EQ(kernel.findings().count(), 1u);
    EXPECT_EQ(kernel.findings().all()[0].kind, "oops");
}

TEST(GuardedCall, WritesAndSecondOopsAreNumbered) {
    ksim::Kernel kernel;
    ksim::run_guarded(kernel, [] { *bad_pointer<int>(8) = 1; });
    EXPECT_TRUE(logged(kernel, "#PF: supervisor write access in kernel mode"));
    EXPECT_TRUE(logged(kernel, "Oops: 0002 [#1] PREEMPT SMP NOPTI"));
    // The kernel is still usable, and the next Oops is the second.
    auto again = ksim::run_guarded(kernel, [] { (void)*bad_pointer<char>(0); });
    EXPECT_FALSE(again.completed);
    EXPECT_TRUE(logged(kernel, "Oops: 0000 [#2] PREEMPT SMP NOPTI"));
    auto fine = ksim::run_guarded(kernel, [] {});
    EXPECT_TRUE(fine.completed);
}

TEST(GuardedCall, InvalidOpcodeAndDivideErrorKillWithSegv) {
    ksim::Kernel kernel;
    auto ud2 = ksim::run_guarded(kernel, [] { asm volatile("ud2"); });
    EXPECT_FALSE(ud2.completed);
    EXPECT_EQ(ud2.exit_signal, SIGSEGV);
    EXPECT_TRUE(logged(kernel, "invalid opcode: 0000 [#1] PREEMPT SMP NOPTI"));
    auto div = ksim::run_guarded(kernel, [] {
        volatile int zero = 0;
        volatile int x = 7 / zero;
        (void)x;
    });
    EXPECT_FALSE(div.completed);
    EXPECT_TRUE(logged(kernel, "divide error: 0000 [#2] PREEMPT SMP NOPTI"));
}

TEST(GuardedCall, NestedCallsUnwindToTheInnermost) {
    ksim::Kernel kernel;
    bool outer_continued = false;
    auto outer = ksim::run_guarded(kernel, [&] {
        auto inner = ksim::run_guarded(kernel, [] { (void)*bad_pointer<int>(0); });
        EXPECT_FALSE(inner.completed);
        outer_continued = true;
    });
    EXPECT_TRUE(outer.completed);
    EXPECT_TRUE(outer_continued);
}

} // namespace
