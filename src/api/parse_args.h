#pragma once
// Module parameter assignment at insmod time (mirrors parse_args(),
// next_arg(), parse_one() and parameq() of kernel/params.c, and the
// unknown-parameter handling of load_module() in kernel/module/main.c).

#include <string>
#include <string_view>

struct kernel_param;

namespace ksim {

class Kernel;

// Applies "a=1 b=\"x y\" flag" to a module's parameters as load_module()
// does: unknown names warn "<mod>: unknown parameter 'x' ignored" and are
// skipped; a value a set op rejects logs "<mod>: `v' invalid for parameter
// `p'" (or "too large" for -ENOSPC) and parsing continues, the last error
// being returned; text after a lone "--" is ignored with a warning. Returns
// 0 or a negative errno, the value insmod's init_module() fails with.
int parse_module_args(Kernel& kernel, std::string_view module_name, kernel_param* params,
                      unsigned num_params, std::string_view args);

// parameq(): parameter names compare equal with '-' and '_' interchangeable.
bool param_names_equal(std::string_view a, std::string_view b);

} // namespace ksim
