// The param_ops_* objects and param_set_*/param_get_* functions that
// module_param() refers to (mirrors kernel/params.c). get functions write
// "value\n" as sysfs shows it; set functions parse with kstrto*().
#include "api/alloc.h"
#include "api/export.h"
#include "api/kstrtox.h"
#include "api/vsprintf.h"
#include "kernel/kernel.h"
#include "kernel/slab.h"
#include "support/abi.h"

#include <cerrno>
#include <climits>
#include <cstring>
#include <sys/uio.h>
#include <unistd.h>

using namespace ksim::api;

namespace {

constexpr size_t page_size = 4096; // the sysfs buffer a get op fills

// kernel/params.c kmalloc_parameter(): charp values that the kernel
// allocated carry a marker so maybe_kfree_parameter() frees only those, not
// a default that points into the module's data.
constexpr uint64_t charp_magic = 0x6b73696d70617261ULL;
struct CharpHeader {
    uint64_t magic;
    uint64_t pad;
};

char* kmalloc_parameter(size_t size) {
    auto* h = static_cast<CharpHeader*>(
        kmalloc_at(sizeof(CharpHeader) + size, gfp_kernel, 0, "kmalloc_parameter"));
    if (h == nullptr)
        return nullptr;
    h->magic = charp_magic;
    return reinterpret_cast<char*>(h + 1);
}

void maybe_kfree_parameter(void* param) {
    if (param == nullptr)
        return;
    auto addr = reinterpret_cast<uintptr_t>(param) - sizeof(CharpHeader);
    auto a = ksim::Kernel::active().slab().find(addr);
    if (!a || a->address != addr)
        return;
    auto* h = reinterpret_cast<CharpHeader*>(addr);
    if (h->magic != charp_magic)
        return;
    h->magic = 0;
    kfree_at(h, 0, "maybe_kfree_parameter");
}

// Reads a T at p without faulting: the free paths run at unload on
// pointers a damaged module may have corrupted (the loader fuzzer makes such
// modules), where Linux would oops but ksim itself must not crash.
template <typename T> bool safe_copy(const void* p, T& out) {
    iovec local{&out, sizeof out};
    iovec remote{const_cast<void*>(p), sizeof out};
    return process_vm_readv(getpid(), &local, 1, &remote, 1, 0) == static_cast<ssize_t>(sizeof out);
}

void log_err(const std::string& text) {
    ksim::Kernel::active().log().printk(text);
}

} // namespace

extern "C" {

#define KSIM_STANDARD_PARAM(name, type, fmt, parse)                                                \
    int param_set_##name(const char* val, const kernel_param* kp) {                                \
        return parse(val, 0, static_cast<type*>(kp->arg));                                         \
    }                                                                                              \
    int param_get_##name(char* buffer, const kernel_param* kp) {                                   \
        return ksim_scnprintf(buffer, page_size, fmt "\n", *static_cast<type*>(kp->arg));          \
    }                                                                                              \
    extern const kernel_param_ops param_ops_##name = {0, param_set_##name, param_get_##name,       \
                                                      nullptr};                                    \
    EXPORT_SYMBOL_KSIM(param_set_##name)                                                           \
    EXPORT_SYMBOL_KSIM(param_get_##name)                                                           \
    EXPORT_SYMBOL_KSIM(param_ops_##name)

KSIM_STANDARD_PARAM(byte, unsigned char, "%hhu", kstrtou8)
KSIM_STANDARD_PARAM(short, short, "%hi", kstrtos16)
KSIM_STANDARD_PARAM(ushort, unsigned short, "%hu", kstrtou16)
KSIM_STANDARD_PARAM(int, int, "%i", kstrtoint)
KSIM_STANDARD_PARAM(uint, unsigned, "%u", kstrtouint)
KSIM_STANDARD_PARAM(long, long, "%li", _kstrtol)
KSIM_STANDARD_PARAM(ulong, unsigned long, "%lu", _kstrtoul)
KSIM_STANDARD_PARAM(ullong, unsigned long long, "%llu", kstrtoull)

int param_set_uint_minmax(const char* val, const kernel_param* kp, unsigned min, unsigned max) {
    if (val == nullptr)
        return -EINVAL;
    unsigned num;
    int ret = kstrtouint(val, 0, &num);
    if (ret != 0)
        return ret;
    if (num < min || num > max)
        return -EINVAL;
    *static_cast<unsigned*>(kp->arg) = num;
    return 0;
}
EXPORT_SYMBOL_KSIM(param_set_uint_minmax)

int param_set_hexint(const char* val, const kernel_param* kp) {
    return param_set_uint_minmax(val, kp, 0, UINT_MAX);
}
EXPORT_SYMBOL_KSIM(param_set_hexint)
int param_get_hexint(char* buffer, const kernel_param* kp) {
    return ksim_scnprintf(buffer, page_size, "%#08x\n", *static_cast<unsigned*>(kp->arg));
}
EXPORT_SYMBOL_KSIM(param_get_hexint)
extern const kernel_param_ops param_ops_hexint = {0, param_set_hexint, param_get_hexint, nullptr};
EXPORT_SYMBOL_KSIM(param_ops_hexint)

int param_set_charp(const char* val, const kernel_param* kp) {
    size_t len = std::strlen(val);
    if (len > 1024) {
        log_err(kformat("\0013%s: string parameter too long\n", kp->name));
        return -ENOSPC;
    }
    auto** slot = static_cast<char**>(kp->arg);
    maybe_kfree_parameter(*slot);
    char* copy = kmalloc_parameter(len + 1);
    if (copy == nullptr)
        return -ENOMEM;
    std::memcpy(copy, val, len + 1);
    *slot = copy;
    return 0;
}
EXPORT_SYMBOL_KSIM(param_set_charp)
int param_get_charp(char* buffer, const kernel_param* kp) {
    return ksim_scnprintf(buffer, page_size, "%s\n", *static_cast<char**>(kp->arg));
}
EXPORT_SYMBOL_KSIM(param_get_charp)
// Called by the loader at unload with kp->arg (see safe_copy).
void param_free_charp(void* arg) {
    char* value = nullptr;
    if (safe_copy(arg, value))
        maybe_kfree_parameter(value);
}
EXPORT_SYMBOL_KSIM(param_free_charp)
extern const kernel_param_ops param_ops_charp = {0, param_set_charp, param_get_charp,
                                                 param_free_charp};
EXPORT_SYMBOL_KSIM(param_ops_charp)

// A bare "name" (no '=') sets a bool to true.
int param_set_bool(const char* val, const kernel_param* kp) {
    if (val == nullptr)
        val = "1";
    return kstrtobool(val, static_cast<bool*>(kp->arg));
}
EXPORT_SYMBOL_KSIM(param_set_bool)
int param_get_bool(char* buffer, const kernel_param* kp) {
    return ksim_sprintf(buffer, "%c\n", *static_cast<bool*>(kp->arg) ? 'Y' : 'N');
}
EXPORT_SYMBOL_KSIM(param_get_bool)
extern const kernel_param_ops param_ops_bool = {KERNEL_PARAM_OPS_FL_NOARG, param_set_bool,
                                                param_get_bool, nullptr};
EXPORT_SYMBOL_KSIM(param_ops_bool)

// Once set, the value cannot be cleared again.
int param_set_bool_enable_only(const char* val, const kernel_param* kp) {
    bool value;
    kernel_param dummy = *kp;
    dummy.arg = &value;
    int err = param_set_bool(val, &dummy);
    if (err != 0)
        return err;
    bool* target = static_cast<bool*>(kp->arg);
    if (!value && *target)
        return -EROFS;
    *target = value;
    return 0;
}
EXPORT_SYMBOL_KSIM(param_set_bool_enable_only)
extern const kernel_param_ops param_ops_bool_enable_only = {
    KERNEL_PARAM_OPS_FL_NOARG, param_set_bool_enable_only, param_get_bool, nullptr};
EXPORT_SYMBOL_KSIM(param_ops_bool_enable_only)

int param_set_invbool(const char* val, const kernel_param* kp) {
    bool value;
    kernel_param dummy = *kp;
    dummy.arg = &value;
    int err = param_set_bool(val, &dummy);
    if (err == 0)
        *static_cast<bool*>(kp->arg) = !value;
    return err;
}
EXPORT_SYMBOL_KSIM(param_set_invbool)
int param_get_invbool(char* buffer, const kernel_param* kp) {
    return ksim_sprintf(buffer, "%c\n", *static_cast<bool*>(kp->arg) ? 'N' : 'Y');
}
EXPORT_SYMBOL_KSIM(param_get_invbool)
extern const kernel_param_ops param_ops_invbool = {0, param_set_invbool, param_get_invbool,
                                                   nullptr};
EXPORT_SYMBOL_KSIM(param_ops_invbool)

// An int that accepts exactly what a bool accepts.
int param_set_bint(const char* val, const kernel_param* kp) {
    bool value;
    kernel_param dummy = *kp;
    dummy.arg = &value;
    int err = param_set_bool(val, &dummy);
    if (err == 0)
        *static_cast<int*>(kp->arg) = value;
    return err;
}
EXPORT_SYMBOL_KSIM(param_set_bint)
extern const kernel_param_ops param_ops_bint = {KERNEL_PARAM_OPS_FL_NOARG, param_set_bint,
                                                param_get_int, nullptr};
EXPORT_SYMBOL_KSIM(param_ops_bint)

// kernel/params.c param_array(): comma-separated elements, each set by the
// element ops; the count is stored in *num.
static int param_array(const char* name, const char* val, unsigned min, unsigned max, void* elem,
                       unsigned elemsize, int (*set)(const char*, const kernel_param*),
                       signed char level, unsigned* num) {
    // The kernel edits val in place; ksim parses a copy so that const
    // strings work too.
    std::string buf(val);
    char* p = buf.data();
    kernel_param kp{name, nullptr, nullptr, 0, level, 0, {elem}};
    char save;
    *num = 0;
    do {
        if (*num == max) {
            log_err(kformat("\0013%s: can only take %i arguments\n", name, max));
            return -EINVAL;
        }
        size_t len = std::strcspn(p, ",");
        save = p[len];
        p[len] = '\0';
        int ret = set(p, &kp);
        if (ret != 0)
            return ret;
        kp.arg = static_cast<char*>(kp.arg) + elemsize;
        p += len + 1;
        ++*num;
    } while (save == ',');
    if (*num < min) {
        log_err(kformat("\0013%s: needs at least %i arguments\n", name, min));
        return -EINVAL;
    }
    return 0;
}

static int param_array_set(const char* val, const kernel_param* kp) {
    const kparam_array* arr = kp->arr;
    unsigned temp_num;
    if (val == nullptr)
        return -EINVAL;
    return param_array(kp->name, val, 1, arr->max, arr->elem, arr->elemsize, arr->ops->set,
                       kp->level, arr->num != nullptr ? arr->num : &temp_num);
}

// Elements joined by commas, one newline at the end.
static int param_array_get(char* buffer, const kernel_param* kp) {
    const kparam_array* arr = kp->arr;
    kernel_param p = *kp;
    int off = 0;
    unsigned n = arr->num != nullptr ? *arr->num : arr->max;
    for (unsigned i = 0; i < n; ++i) {
        if (i != 0)
            buffer[off - 1] = ',';
        p.arg = static_cast<char*>(arr->elem) + arr->elemsize * i;
        int ret = arr->ops->get(buffer + off, &p);
        if (ret < 0)
            return ret;
        off += ret;
    }
    buffer[off] = '\0';
    return off;
}

static void param_array_free(void* arg) {
    kparam_array arr;
    kernel_param_ops ops;
    if (!safe_copy(arg, arr) || !safe_copy(arr.ops, ops) || ops.free == nullptr)
        return;
    unsigned n = arr.max;
    if (arr.num != nullptr && !safe_copy(arr.num, n))
        return;
    for (unsigned i = 0; i < n && i < arr.max; ++i)
        ops.free(static_cast<char*>(arr.elem) + arr.elemsize * i);
}

extern const kernel_param_ops param_array_ops = {0, param_array_set, param_array_get,
                                                 param_array_free};
EXPORT_SYMBOL_KSIM(param_array_ops)

int param_set_copystring(const char* val, const kernel_param* kp) {
    const kparam_string* kps = kp->str;
    if (std::strlen(val) + 1 > kps->maxlen) {
        log_err(kformat("\0013%s: string doesn't fit in %u chars.\n", kp->name, kps->maxlen - 1));
        return -ENOSPC;
    }
    std::strcpy(kps->string, val);
    return 0;
}
EXPORT_SYMBOL_KSIM(param_set_copystring)
int param_get_string(char* buffer, const kernel_param* kp) {
    return ksim_scnprintf(buffer, page_size, "%s\n", kp->str->string);
}
EXPORT_SYMBOL_KSIM(param_get_string)
extern const kernel_param_ops param_ops_string = {0, param_set_copystring, param_get_string,
                                                  nullptr};
EXPORT_SYMBOL_KSIM(param_ops_string)

void kernel_param_lock(module*) {
    ksim::Kernel::active().api().param_lock.lock();
}
EXPORT_SYMBOL_KSIM(kernel_param_lock)
void kernel_param_unlock(module*) {
    ksim::Kernel::active().api().param_lock.unlock();
}
EXPORT_SYMBOL_KSIM(kernel_param_unlock)

} // extern "C"
