// Placeholder until kernel/params.c's parse_args() lands in api/: accepts an
// empty argument string only.
#include "loader/module_params.h"

#include <cerrno>

namespace ksim {

int apply_module_params(Kernel&, Module&, const std::string& args) {
    return args.empty() ? 0 : -EINVAL;
}

void release_module_params(Module&) {}

} // namespace ksim
