#pragma once
// The exact compiler and linker command lines of the module build
// (docs/internals.md, "How a module is compiled").

#include "kbuild/build_spec.h"

#include <string>
#include <vector>

namespace ksim::kbuild {

// gcc's argv for compiling `source` into `object` for module `module_name`.
// `depfile` receives gcc's dependency list (-MD), used for rebuilds and
// srcversion. `include_dir` is ksim's include/.
std::vector<std::string> compile_argv(const BuildSpec& spec, const std::string& include_dir,
                                      const std::string& module_name, const std::string& source,
                                      const std::string& object, const std::string& depfile);

// ld -r for a composite module: `output` from `objects`.
std::vector<std::string> link_objects_argv(const std::string& output,
                                           const std::vector<std::string>& objects);

// The final link of <mod>.ko from <mod>.o and <mod>.mod.o.
std::vector<std::string> link_ko_argv(const std::string& ko, const std::string& module_object,
                                      const std::string& mod_object);

// Writes compile_commands.json (clangd's format) for `entries` of
// {directory, file, argv}.
struct CompileCommand {
    std::string directory;
    std::string file;
    std::vector<std::string> argv;
};
std::string format_compile_commands(const std::vector<CompileCommand>& entries);

} // namespace ksim::kbuild
