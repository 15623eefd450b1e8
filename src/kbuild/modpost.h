#pragma once
// modpost (scripts/mod/modpost.c in Linux 6.1), in ksim's C++: checks each
// linked module object before the .ko is made and writes what the kernel's
// modpost writes. Messages use the kernel's exact wording.
//
//   ERROR: modpost: missing MODULE_LICENSE() in <dir>/<mod>.o
//   ERROR: modpost: "<sym>" [<dir>/<mod>.ko] undefined!
//   ERROR: modpost: GPL-incompatible module <mod>.ko uses GPL-only symbol '<sym>'
//   WARNING: modpost: <dir>/<mod>.o: section mismatch in reference: <from> (section: <sec>) -> <to> (section: <sec>)

#include "kbuild/symvers.h"
#include "support/error_or.h"

#include <string>
#include <vector>

namespace ksim::kbuild {

struct ModpostModule {
    std::string name; // KBUILD_MODNAME
    std::string object; // <dir>/<mod>.o, the linked module object
    std::string base; // <dir>/<mod> (path without extension)
    // Filled by modpost:
    bool has_init = false;
    bool has_exit = false;
    bool has_version = false;
    std::vector<std::string> depends;
    std::vector<SymversEntry> exports;
};

struct ModpostResult {
    std::string messages; // ERROR and WARNING lines, in order
    bool failed = false;
};

// Checks `modules` (one build) against ksim's exports, the build's own
// exports and `extra_symbols` (KBUILD_EXTRA_SYMBOLS files).
ModpostResult run_modpost(std::vector<ModpostModule>& modules,
                          const std::vector<std::string>& extra_symbols);

// The generated <mod>.mod.c (docs/internals.md).
std::string generate_mod_c(const ModpostModule& module, const std::string& srcversion);

// Linux's license_is_gpl_compatible().
bool license_is_gpl_compatible(const std::string& license);

} // namespace ksim::kbuild
