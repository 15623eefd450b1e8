// Module parameters at load and unload: kernel/params.c's parse_args() (in
// api/parse_args.cpp) applied to the module's __param table, and
// destroy_params() when the module goes.
#include "loader/module_params.h"

#include "api/parse_args.h"
#include "kernel/kernel.h"
#include "kernel/module.h"

namespace ksim {

int apply_module_params(Kernel& kernel, Module& mod, const std::string& args) {
    ::module* m = mod.descriptor;
    if (m == nullptr)
        return 0;
    return parse_module_args(kernel, mod.name, m->kp, m->num_kp, args);
}

void release_module_params(Kernel& kernel, Module& mod) {
    ::module* m = mod.descriptor;
    if (m == nullptr || !kernel.config().run_module_code)
        return;
    for (unsigned i = 0; i < m->num_kp; ++i) {
        const kernel_param& kp = m->kp[i];
        if (kp.ops != nullptr && kp.ops->free != nullptr)
            kp.ops->free(kp.arg);
    }
}

} // namespace ksim
