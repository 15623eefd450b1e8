#pragma once
// x86-64 relocations for modules (arch/x86/kernel/module.c:
// apply_relocate_add()), in lld's three steps: classify the type, compute
// the value generically, then write it with a range check.

#include "support/error_or.h"

#include <cstdint>

namespace ksim::loader::x86_64 {

enum class RelocationExpr { None, Absolute, PcRelative, Unknown };

struct RelocationKind {
    RelocationExpr expr = RelocationExpr::Unknown;
    unsigned width = 0; // bytes written
    bool sign_extended = false; // 32S: the value must fit as a signed 32-bit
};

RelocationKind classify(uint32_t type);

enum class RelocationStatus { Ok, Overflow, Unknown, NonZeroTarget };

// Writes relocation `type` at `location`: S = symbol value, A = addend.
// Checks that the target bytes are still zero, as Linux 6.1 does.
RelocationStatus apply(uint32_t type, uint8_t* location, uint64_t symbol_value, int64_t addend,
                       uint64_t* value_out);

} // namespace ksim::loader::x86_64
