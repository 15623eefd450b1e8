#pragma once
// Symbols of the ksim binary itself, so that an Oops whose RIP or frames lie
// in ksim's own code (a printk of a freed string faults inside vsnprintf, as
// Linux's does inside string()) reads "function+0xoff/0xsize" like a
// kernel symbol. The binary is linked -no-pie, so its symbol values are
// the run-time addresses.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ksim {

struct HostSymbol {
    uint64_t address = 0;
    uint64_t size = 0;
    std::string name; // demangled, without parameter list
    // Glue between kernel code and module code (run_guarded and the switch
    // to the kernel stack, std::function, lambdas) that a kernel stack trace would not show.
    bool plumbing = false;
};

class HostSymbols {
  public:
    // Reads /proc/self/exe's symbol table.
    static HostSymbols load();
    // The function containing `address`.
    std::optional<HostSymbol> lookup(uint64_t address) const;

  private:
    std::vector<HostSymbol> m_symbols; // sorted by address
};

} // namespace ksim
