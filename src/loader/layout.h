#pragma once
// Section layout (kernel/module/main.c: layout_sections()): which allocatable
// sections go to the core image and which to the init image, in Linux's
// groups (text, read-only, ro-after-init, data), each group page aligned as
// with CONFIG_STRICT_MODULE_RWX, so sizes match what Linux reports.

#include "loader/load_info.h"
#include "support/error_or.h"

namespace ksim::loader {

// Fills info.placement and the module's core/init layout sizes.
void layout_sections(LoadInfo& info);

// Allocates the core and init images, copies section contents there and
// records final addresses. Memory stays writable until protect_images().
ErrorOr<void> allocate_and_copy(LoadInfo& info, ModuleMemoryArea& area);

// Applies Linux's page permissions: text RX, read-only data R, rest RW.
void protect_images(const Module& module);

bool is_init_section_name(std::string_view name);

} // namespace ksim::loader
