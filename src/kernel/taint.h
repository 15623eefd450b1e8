#pragma once
// Kernel taint flags (kernel/panic.c: taint_flags[]), the letters Linux
// prints in Oopses, /proc/sys/kernel/tainted, /proc/modules and lsmod.

#include <atomic>
#include <cstdint>
#include <string>

namespace ksim {

enum class TaintFlag : unsigned {
    ProprietaryModule = 0, // P / G
    ForcedModule = 1, // F
    CpuOutOfSpec = 2, // S
    ForcedRmmod = 3, // R
    MachineCheck = 4, // M
    BadPage = 5, // B
    User = 6, // U
    Die = 7, // D
    OverriddenAcpiTable = 8, // A
    Warn = 9, // W
    Crap = 10, // C
    FirmwareWorkaround = 11, // I
    OotModule = 12, // O
    UnsignedModule = 13, // E
    SoftLockup = 14, // L
    LivePatch = 15, // K
    Aux = 16, // X
    Randstruct = 17, // T
    Test = 18, // N
};

constexpr unsigned taint_count = 19;

// The letters for a mask as print_tainted() shows them, e.g. "P    W  O E"
// (a space for each clear flag, 'G' for a clear P).
std::string taint_letters_full(uint32_t mask);
// Only the set letters, as module_flags() and /proc/modules show them, e.g. "OE".
std::string taint_letters_module(uint32_t mask);

class Taint {
  public:
    void add(TaintFlag flag) { m_mask.fetch_or(1u << unsigned(flag)); }
    bool has(TaintFlag flag) const { return (m_mask.load() >> unsigned(flag)) & 1u; }
    uint32_t mask() const { return m_mask.load(); }
    // "Tainted: P           O      " or "Not tainted", as in Oops headers.
    std::string describe() const;

    // add_taint(..., LOCKDEP_NOW_UNRELIABLE) turns lock debugging off once
    // and says so ("Disabling lock debugging due to kernel taint"); true the
    // first time only.
    bool turn_off_lock_debugging() { return m_debug_locks.exchange(false); }

  private:
    std::atomic<uint32_t> m_mask{0};
    std::atomic<bool> m_debug_locks{true};
};

} // namespace ksim
