#pragma once
// The compiler and linker steps of the module build (docs/internals.md has
// the flags and why).

#include <string>
#include <vector>

namespace ksim::kbuild {

// gcc's command line for one module source. `stem` is the object's file name
// without .o (KBUILD_BASENAME), `module` the module it belongs to.
std::vector<std::string> compile_command(const std::string& source, const std::string& object,
                                         const std::string& stem, const std::string& module,
                                         const std::vector<std::string>& extra_flags);

// ld -r of several objects into one (a composite module's <mod>.o, or the .ko).
std::vector<std::string> link_command(const std::string& output,
                                      const std::vector<std::string>& inputs, bool build_id);

} // namespace ksim::kbuild
