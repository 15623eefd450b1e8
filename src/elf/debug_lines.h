#pragma once
// Source lines for code addresses in a module object, for Oops and leak
// reports: (section, offset) -> file:line and function. Built on elfutils'
// libdwfl, which lays out an ET_REL object's sections and applies the
// relocations in its .debug_* sections (unapplied in a .ko) before reading
// the line table.

#include "support/error_or.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ksim::elf {

struct SourceLocation {
    std::string file; // as the line table names it (gcc records an absolute path)
    int line = 0;
    int column = 0;
    std::string function; // the symbol covering the address; empty if none

    // "file:line", the form reports print.
    std::string to_string() const;
};

// One module object's debug information. Not thread-safe (libdwfl caches
// as it goes): keep one per module and use it under the caller's lock.
class DebugLines {
  public:
    // Reads `path` (a .o or .ko built with -g).
    static ErrorOr<DebugLines> open(const std::string& path);
    // Takes a copy of an object's bytes; `name` labels errors.
    static ErrorOr<DebugLines> from_bytes(std::span<const uint8_t> bytes, std::string name);

    DebugLines(DebugLines&&) noexcept;
    DebugLines& operator=(DebugLines&&) noexcept;
    ~DebugLines();

    // The source line of the instruction at `offset` in section `section`
    // (e.g. ".text", ".init.text"). ENOENT when the section does not exist
    // or no line covers it (an object built without -g).
    ErrorOr<SourceLocation> lookup(std::string_view section, uint64_t offset);

  private:
    struct State;
    explicit DebugLines(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

} // namespace ksim::elf
