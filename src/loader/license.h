#pragma once
// include/linux/license.h: license_is_gpl_compatible().
#include <string_view>

namespace ksim::loader {

bool license_is_gpl_compatible(std::string_view license);

} // namespace ksim::loader
