#pragma once
// include/linux/license.h: license_is_gpl_compatible(). Part of reading
// .modinfo, shared by modpost and the loader.
#include <string_view>

namespace ksim::elf {

bool license_is_gpl_compatible(std::string_view license);

} // namespace ksim::elf
