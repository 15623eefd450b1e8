#pragma once
// SLUB debug's reports for damaged objects (mm/slub.c check_bytes_and_report,
// slab_bug, print_trailer, slab_fix): writes past the end or before the start
// of a slab object (red zones) and writes into freed objects (poison), plus a
// ksim finding naming the allocating (and freeing) call site's file:line.
// Linux prints them only with slub_debug; ksim always checks.

namespace ksim {

class Kernel;
struct SlabDamage;

void report_slab_damage(Kernel& kernel, const SlabDamage& damage);

} // namespace ksim
