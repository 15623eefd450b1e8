#pragma once
// ksim's modpost (Linux scripts/mod/modpost.c): reads each module's linked
// object, checks its license, its undefined and GPL-only symbols and its
// section references, and produces the <mod>.mod.c and Module.symvers
// contents. Messages use modpost's exact wording.

#include "kbuild/symvers.h"
#include "support/error_or.h"

#include <string>
#include <vector>

namespace ksim::kbuild {

struct ModpostInput {
    std::string path;   // module path without ".o" ("/abs/dir/hello"), as modpost names modules
    std::string object; // the module's linked object, path + ".o"
};

struct ModpostModule {
    std::string path;
    std::string mod_c; // the generated <mod>.mod.c
};

struct ModpostResult {
    std::vector<std::string> messages; // "ERROR: modpost: ..." / "WARNING: modpost: ..." lines
    bool failed = false;               // an ERROR was reported
    std::vector<ModpostModule> modules;
    std::vector<SymversEntry> exports; // the build's own exports, for Module.symvers
};

struct ModpostOptions {
    std::vector<SymversEntry> kernel_symbols; // vmlinux's exports (ksim's table)
    std::vector<SymversEntry> extra_symbols;  // KBUILD_EXTRA_SYMBOLS files
    // Source files of each module for srcversion: per input, the files to sum.
    std::vector<std::vector<std::string>> srcversion_files;
};

// Runs modpost over `inputs` (modules.order order). Only I/O failures are
// Errors; problems in the modules are messages in the result.
ErrorOr<ModpostResult> run_modpost(const std::vector<ModpostInput>& inputs,
                                   const ModpostOptions& options);

} // namespace ksim::kbuild
