// __param table checks; see param_table.h.
#include "loader/param_table.h"

#include "api/export.h"
#include "kernel/module.h"

#include <fmt/format.h>

#include <cstring>

namespace ksim {

namespace {

// Whether [p, p+size) lies inside the module's core image.
bool in_core(const Module& mod, const void* p, uint64_t size) {
    auto a = reinterpret_cast<uint64_t>(p);
    const MemoryRange& r = mod.core.range;
    return a >= r.base && a - r.base <= r.size && r.size - (a - r.base) >= size;
}

// A structure the kernel will read through a pointer: inside the image and
// naturally aligned.
template <typename T> bool struct_in_core(const Module& mod, const T* p) {
    return reinterpret_cast<uint64_t>(p) % alignof(T) == 0 && in_core(mod, p, sizeof(T));
}

bool is_export(const void* p) {
    for (const auto& e : kernel_exports())
        if (e.address == p)
            return true;
    return false;
}

// A NUL-terminated string entirely inside the core image.
bool string_in_core(const Module& mod, const char* s) {
    if (!in_core(mod, s, 1))
        return false;
    uint64_t left = mod.core.range.base + mod.core.range.size - reinterpret_cast<uint64_t>(s);
    return std::memchr(s, 0, left) != nullptr;
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
