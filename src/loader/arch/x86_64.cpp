// x86-64 relocation types; see x86_64.h.
#include "loader/arch/x86_64.h"

#include <elf.h>

#include <cstring>

namespace ksim::loader::x86_64 {

RelocationKind classify(uint32_t type) {
    switch (type) {
    case R_X86_64_NONE:
        return {RelocationExpr::None, 0, false};
    case R_X86_64_64:
        return {RelocationExpr::Absolute, 8, false};
    case R_X86_64_32:
        return {RelocationExpr::Absolute, 4, false};
    case R_X86_64_32S:
        return {RelocationExpr::Absolute, 4, true};
    case R_X86_64_PC32:
    case R_X86_64_PLT32:
        return {RelocationExpr::PcRelative, 4, true};
    case R_X86_64_PC64:
        return {RelocationExpr::PcRelative, 8, false};
    default:
        return {RelocationExpr::Unknown, 0, false};
    }
}

RelocationStatus apply(uint32_t type, uint8_t* location, uint64_t symbol_value, int64_t addend,
                       uint64_t* value_out) {
    RelocationKind kind = classify(type);
    if (kind.expr == RelocationExpr::Unknown)
        return RelocationStatus::Unknown;
    if (kind.expr == RelocationExpr::None)
        return RelocationStatus::Ok;

    uint64_t value = symbol_value + static_cast<uint64_t>(addend);
    if (kind.expr == RelocationExpr::PcRelative)
        value -= reinterpret_cast<uint64_t>(location);
    *value_out = value;

    // Linux refuses to patch a location twice ("Invalid relocation target,
    // existing value is nonzero").
    for (unsigned i = 0; i < kind.width; ++i)
        if (location[i] != 0)
            return RelocationStatus::NonZeroTarget;

    if (kind.width == 4) {
        bool fits = kind.sign_extended
                        ? static_cast<int64_t>(value) == static_cast<int32_t>(value)
                        : value == static_cast<uint32_t>(value);
        if (!fits)
            return RelocationStatus::Overflow;
        uint32_t v = static_cast<uint32_t>(value);
        std::memcpy(location, &v, 4);
    } else {
        std::memcpy(location, &value, 8);
    }
    return RelocationStatus::Ok;
}

} // namespace ksim::loader::x86_64
