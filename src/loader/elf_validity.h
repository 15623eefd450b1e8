#pragma once
// The header checks of Linux 6.1's elf_validity_check() (kernel/module/main.c)
// with its exact messages, run before ksim's full ELF parse so that a bad
// file fails with the line Linux would log.

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace ksim::loader {

// The kernel's message for the first header problem, or nothing.
std::optional<std::string> elf_header_problem(std::span<const uint8_t> bytes);

} // namespace ksim::loader
