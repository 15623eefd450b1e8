#pragma once
// The kernel stack module code runs on: THREAD_SIZE (16 KiB on x86-64
// without KASAN) with an inaccessible guard page below it, as Linux's
// CONFIG_VMAP_STACK stacks have, so that a module overflowing its stack
// faults at the guard instead of silently corrupting ksim's memory.
//
// Each host thread (each task) gets one stack on its first entry into module
// code and keeps it until the thread ends; nested entries stay on it.
// Switching is a small trampoline that leaves a frame record on the new
// stack pointing back to the caller's frame, so frame-pointer walks cross
// from the kernel stack into the frames that entered module code.

#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace ksim {

class KernelStack {
  public:
    static constexpr size_t thread_size = size_t{16} * 1024; // THREAD_SIZE
    static constexpr size_t guard_size = 4096;               // one page, as vmalloc's guard
    // Inaccessible memory below the guard page as well, so that a frame far
    // larger than a page still faults instead of landing in other mappings.
    static constexpr size_t reserve_below = size_t{64} * 1024;

    KernelStack();
    ~KernelStack();
    KernelStack(const KernelStack&) = delete;
    KernelStack& operator=(const KernelStack&) = delete;

    bool valid() const { return m_base != nullptr; }
    // [low, high): the usable stack; high is where the stack pointer starts.
    uint64_t low() const { return m_low; }
    uint64_t high() const { return m_low + thread_size; }
    bool contains(uint64_t address) const { return address >= low() && address < high(); }
    // Inside the guard page right below the stack (get_stack_guard_info()).
    bool in_guard_page(uint64_t address) const {
        return address < m_low && m_low - address <= guard_size;
    }
    // Anywhere in the inaccessible reserve below the stack, guard included.
    bool below_stack(uint64_t address) const {
        return address < m_low && m_low - address <= guard_size + reserve_below;
    }

    // Bytes of the stack ever written since it was made: the stack is
    // filled with a pattern at creation, like CONFIG_DEBUG_STACK_USAGE.
    size_t max_used() const;

  private:
    void* m_base = nullptr; // the whole mapping, reserve and guard included
    size_t m_mapped = 0;
    uint64_t m_low = 0;
};

// The calling thread's kernel stack, made on first use (nullptr if it could
// not be mapped); `existing_kernel_stack` does not make one.
KernelStack* this_thread_kernel_stack();
const KernelStack* existing_kernel_stack();
// Whether the calling thread runs on its kernel stack right now.
bool on_kernel_stack();

// Calls fn(arg) on the thread's kernel stack. Returns false, without
// calling, if the thread has no stack (mmap failed). If a fault jumps out of
// fn (siglongjmp past this call), the jumper calls left_kernel_stack().
bool call_on_kernel_stack(void (*fn)(void*), void* arg);
void left_kernel_stack();

// Calls fn(arg) on the host thread's stack, below the frames that entered
// module code, when the thread is on its kernel stack (directly otherwise):
// for ksim's own heavy work on a module's behalf that Linux does not do on
// the task's stack, such as reading DWARF line tables for a report (libdw
// alone needs more than 100 KiB of stack).
void call_on_host_stack(void (*fn)(void*), void* arg);
template <typename F> void with_host_stack(F&& f) {
    call_on_host_stack([](void* p) { (*static_cast<std::remove_reference_t<F>*>(p))(); }, &f);
}

} // namespace ksim
