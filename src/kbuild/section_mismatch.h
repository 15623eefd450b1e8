#pragma once
// modpost's section mismatch check (check_section_mismatch() and its
// sectioncheck table in scripts/mod/modpost.c, Linux 6.1): references from
// code or data that stays after init into .init.* sections (and between init
// and exit sections), which point into freed memory once init has run.

#include "elf/elf_file.h"

#include <string>

namespace ksim::kbuild {

// The WARNING lines for `object` (empty when clean), one per reference:
// "WARNING: modpost: <object>: section mismatch in reference: <from> (section:
// <fromsec>) -> <to> (section: <tosec>)".
std::string section_mismatch_warnings(const elf::ElfFile& elf, const std::string& object);

} // namespace ksim::kbuild
