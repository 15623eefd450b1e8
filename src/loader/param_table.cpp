// __param table checks; see param_table.h.
#include "loader/param_table.h"

#include "api/export.h"
#include "kernel/module.h"
#include "loader/image_pointers.h"

#include <fmt/format.h>

#include <cstring>

namespace ksim {

namespace {

using loader::in_core;
using loader::string_in_core;
using loader::struct_in_core;

bool is_export(const void* p) {
    for (const auto& e : kernel_exports())
        if (e.address == p)
            return true;
    return false;
}

bool code_ok(const Module& mod, const void* fn) {
    return fn == nullptr || in_core(mod, fn, 1) || is_export(fn);
}

bool ops_ok(const Module& mod, const kernel_param_ops* ops) {
    if (ops == nullptr)
        return false;
    if (is_export(ops))
        return true;
    if (!struct_in_core(mod, ops))
        return false;
    return code_ok(mod, reinterpret_cast<const void*>(ops->set)) &&
           code_ok(mod, reinterpret_cast<const void*>(ops->get)) &&
           code_ok(mod, reinterpret_cast<const void*>(ops->free));
}

const void* export_address(const char* name) {
    const KernelExport* e = find_kernel_export(name);
    return e ? e->address : nullptr;
}

bool entry_ok(const Module& mod, const kernel_param& kp) {
    if (!string_in_core(mod, kp.name) || !ops_ok(mod, kp.ops))
        return false;
    if (kp.ops == export_address("param_array_ops")) {
        const kparam_array* arr = kp.arr;
        if (!struct_in_core(mod, arr) || !ops_ok(mod, arr->ops))
            return false;
        if (arr->num != nullptr && !struct_in_core(mod, arr->num))
            return false;
        return in_core(mod, arr->elem, uint64_t(arr->max) * arr->elemsize);
    }
    if (kp.ops == export_address("param_ops_string")) {
        const kparam_string* str = kp.str;
        return struct_in_core(mod, str) && in_core(mod, str->string, str->maxlen);
    }
    // Every other built-in type stores through arg (at most 8 bytes).
    return is_export(kp.ops) ? in_core(mod, kp.arg, 1) : true;
}

} // namespace

ErrorOr<void> check_param_table(const Module& mod) {
    const module* m = mod.descriptor;
    if (m == nullptr || m->num_kp == 0)
        return {};
    if (!struct_in_core(mod, m->kp) ||
        !in_core(mod, m->kp, uint64_t(m->num_kp) * sizeof(kernel_param)))
        return Error::from_errno(ENOEXEC, fmt::format("{}: malformed __param section", mod.name));
    for (unsigned i = 0; i < m->num_kp; ++i)
        if (!entry_ok(mod, m->kp[i]))
            return Error::from_errno(ENOEXEC,
                                     fmt::format("{}: malformed __param entry {}", mod.name, i));
    return {};
}

} // namespace ksim
