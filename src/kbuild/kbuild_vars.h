#pragma once
// What a module directory's Kbuild or Makefile says, evaluated by GNU make
// itself as kbuild does for an external module (KERNELRELEASE set, the file
// included by kdir/scripts/Makefile.vars): the modules of obj-m, their
// objects (<mod>-objs, <mod>-y), and the compiler flags.

#include "support/error_or.h"

#include <map>
#include <string>
#include <vector>

namespace ksim::kbuild {

struct ModuleSpec {
    std::string name; // "hello" for obj-m += hello.o
    std::vector<std::string> objects; // "a.o", "sub/b.o"; just "<name>.o" when single-file
    bool composite = false; // built from <name>-objs / <name>-y
};

struct KbuildVars {
    std::vector<ModuleSpec> modules;
    std::vector<std::string> ccflags; // ccflags-y + EXTRA_CFLAGS, split on blanks
    std::map<std::string, std::vector<std::string>> object_cflags; // CFLAGS_<obj>.o
    std::vector<std::string> extra_symbols; // KBUILD_EXTRA_SYMBOLS
};

// Evaluates DIR's Kbuild/Makefile. Errors carry make's own message.
ErrorOr<KbuildVars> read_kbuild_vars(const std::string& dir, const std::string& release);

// Splits a make variable's value into words.
std::vector<std::string> split_words(const std::string& value);

} // namespace ksim::kbuild
