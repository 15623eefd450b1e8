#pragma once
// Parameters at load time (kernel/params.c: parse_args() as load_module()
// calls it) and their release at unload (destroy_params()).

#include <string>

namespace ksim {

class Kernel;
class Module;

// Applies insmod's argument string to the module's __param table.
// Returns 0 or a negative errno (-EINVAL for an invalid value).
int apply_module_params(Kernel& kernel, Module& module, const std::string& args);

// Frees what the parameters own (charp strings), as module unload does.
void release_module_params(Kernel& kernel, Module& module);

} // namespace ksim
