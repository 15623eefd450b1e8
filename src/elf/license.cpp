// The licenses Linux treats as GPL-compatible (include/linux/license.h).
#include "elf/license.h"

namespace ksim::elf {

bool license_is_gpl_compatible(std::string_view license) {
    for (std::string_view ok : {"GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL",
                                "Dual MIT/GPL", "Dual MPL/GPL"})
        if (license == ok)
            return true;
    return false;
}

} // namespace ksim::elf
