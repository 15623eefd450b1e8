#pragma once
// What a module directory asks kbuild to build: its obj-m modules, their
// objects and the extra compiler flags, read from the directory's Kbuild or
// Makefile by GNU make itself (kdir/Makefile.vars), as kbuild reads them.

#include "support/error_or.h"

#include <map>
#include <string>
#include <vector>

namespace ksim::kbuild {

struct ModuleSpec {
    std::string name;                 // "hello" for obj-m += hello.o
    std::vector<std::string> objects; // object names relative to the directory ("main.o")
    bool composite = false;           // built from <name>-objs / <name>-y, so linked into <name>.o
};

struct BuildSpec {
    std::string dir;                  // absolute module directory, no trailing slash
    std::vector<ModuleSpec> modules;  // in obj-m order
    std::vector<std::string> ccflags; // ccflags-y, ccflags-m, then EXTRA_CFLAGS
    std::map<std::string, std::vector<std::string>> file_cflags; // CFLAGS_<file>.o
    std::vector<std::string> extra_symbols;                      // KBUILD_EXTRA_SYMBOLS
};

// Splits make's whitespace-separated word list.
std::vector<std::string> split_words(const std::string& text);

// Parses the "ksim-var NAME=VALUE" lines printed by `make -f Makefile.vars ksim-print-vars`.
ErrorOr<BuildSpec> parse_build_vars(const std::string& dir, const std::string& output);

// Evaluates `dir`'s Kbuild/Makefile with GNU make (KERNELRELEASE set) using
// `kdir`'s scripts/Makefile.vars. Fails with a clear message when the
// Makefile is broken or names no module.
ErrorOr<BuildSpec> read_build_spec(const std::string& dir, const std::string& kdir);

} // namespace ksim::kbuild
