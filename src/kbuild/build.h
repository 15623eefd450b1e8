#pragma once
// The external-module build: what `make -C <kdir> M=<dir> modules` does in
// kbuild (scripts/Makefile.build, Makefile.modpost, Makefile.modfinal),
// printing kbuild's progress lines as it goes.

#include <string>
#include <vector>

namespace ksim::kbuild {

struct BuildOptions {
    std::string dir; // absolute module directory (M=)
    bool verbose = false; // V=1: print the commands
    std::vector<std::string> extra_symbols; // KBUILD_EXTRA_SYMBOLS from the command line
};

// Returns 0, or the build-failed exit status. Progress and diagnostics go to
// stdout/stderr as kbuild prints them.
int build_modules(const BuildOptions& options);
// `make ... clean`.
int clean_modules(const BuildOptions& options);

} // namespace ksim::kbuild
