#pragma once
// The module build as `make -C <kdir> M=<dir> modules|clean` does it for an
// external module: compile, link composite objects, modpost, the .mod.c and
// the final .ko link, printing kbuild's own progress lines. Only what changed
// is rebuilt (by modification time and command line, like kbuild's .cmd files).

#include <string>
#include <vector>

namespace ksim::kbuild {

struct BuildOptions {
    std::string dir;  // the module directory (made absolute by the builder)
    std::string kdir; // ksim's kernel build directory (scripts/Makefile.vars, Module.symvers)
    std::string include_dir;                // ksim's include/
    bool verbose = false;                   // V=1: print commands instead of the short lines
    bool silent = false;                    // make -s: no short lines (kbuild's quiet=silent_)
    std::vector<std::string> extra_symbols; // KBUILD_EXTRA_SYMBOLS from the command line
};

// Builds every module of the directory. Progress goes to stdout, diagnostics
// to stderr. Returns false when the build failed (the reason was printed).
bool build_modules(const BuildOptions& options);

// Removes what build_modules wrote, as kbuild's `clean` for M=.
bool clean_modules(const BuildOptions& options);

} // namespace ksim::kbuild
