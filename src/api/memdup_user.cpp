// mm/util.c memdup_user() and memdup_user_nul(): a kmalloc'd copy of user
// memory, or ERR_PTR(-ENOMEM) / ERR_PTR(-EFAULT). The allocation is recorded
// at the module's call site, so a leaked copy names the module's line.
#include "api/alloc.h"
#include "api/export.h"

#include <cerrno>

extern "C" unsigned long _copy_from_user(void* to, const void* from, unsigned long n);

namespace {
void* err_ptr(long error) {
    return reinterpret_cast<void*>(error);
}

void* dup(const void* src, size_t len, bool nul, uint64_t site, const char* function) {
    void* p = ksim::api::kmalloc_at(len + (nul ? 1 : 0), ksim::api::gfp_kernel, site, function);
    if (p == nullptr)
        return err_ptr(-ENOMEM);
    if (_copy_from_user(p, src, len) != 0) {
        ksim::api::kfree_at(p, site, function);
        return err_ptr(-EFAULT);
    }
    if (nul)
        static_cast<char*>(p)[len] = '\0';
    return p;
}
} // namespace

extern "C" {

void* memdup_user(const void* src, size_t len) {
    return dup(src, len, false, KSIM_CALL_SITE(), "memdup_user");
}

void* memdup_user_nul(const void* src, size_t len) {
    return dup(src, len, true, KSIM_CALL_SITE(), "memdup_user_nul");
}

} // extern "C"

EXPORT_SYMBOL_KSIM(memdup_user)
EXPORT_SYMBOL_KSIM(memdup_user_nul)
