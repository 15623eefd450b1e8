#pragma once
// modpost's section mismatch check (scripts/mod/modpost.c: check_sec_ref()):
// code or data that stays after init must not reference .init.* sections,
// and init and exit sections must not reference each other.

#include "elf/elf_file.h"

#include <string>
#include <vector>

namespace ksim::kbuild {

// The warning lines for `object` (its path as printed), in relocation order.
std::vector<std::string> section_mismatch_warnings(const elf::ElfFile& elf,
                                                   const std::string& object);

} // namespace ksim::kbuild
