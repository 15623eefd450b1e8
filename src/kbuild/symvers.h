#pragma once
// Module.symvers (scripts/mod/modpost.c: write_dump()/read_dump()): one line
// per exported symbol, "CRC<TAB>symbol<TAB>module<TAB>export type<TAB>namespace".

#include "support/error_or.h"

#include <string>
#include <vector>

namespace ksim::kbuild {

struct SymversEntry {
    std::string symbol;
    std::string module; // "vmlinux" for the kernel's own exports, else the module path
    bool gpl_only = false;
};

std::string format_symvers(const std::vector<SymversEntry>& entries);
ErrorOr<std::vector<SymversEntry>> parse_symvers(const std::string& text);
ErrorOr<std::vector<SymversEntry>> read_symvers(const std::string& path);

// The kernel's own exports (ksim's export table) as symvers entries.
std::vector<SymversEntry> kernel_symvers();

} // namespace ksim::kbuild
