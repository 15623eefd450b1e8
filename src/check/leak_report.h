#pragma once
// Leaks at module unload, reported kmemleak-style (mm/kmemleak.c:
// print_unreferenced()): every object that code of the module allocated and
// nobody freed, with its size, a hex dump of its start, and the allocating
// call site as symbol+offset [module] and file:line.

#include <cstddef>

namespace ksim {

class Kernel;
class Module;

// Checks `module`'s allocations; call after its exit function (or failed
// init) has run and before its memory is released. Adds one Finding per
// leaked object. Returns the number of leaked objects. Also runs SLUB debug's
// object checks for the module's objects (check/slab_debug_report.h) and
// reports and undoes registrations it left (check/resource_leaks.h).
size_t report_module_leaks(Kernel& kernel, Module& module, bool init_failed = false);

} // namespace ksim
