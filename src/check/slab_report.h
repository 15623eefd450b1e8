#pragma once
// Reports for frees the allocator refuses (double free, a pointer kmalloc
// never returned, a free through the wrong API), in KASAN's format
// (mm/kasan/report.c), which Linux prints only with CONFIG_KASAN: ksim always
// does. Installed on every kernel.

namespace ksim {

class Kernel;

void install_slab_reports(Kernel& kernel);

} // namespace ksim
