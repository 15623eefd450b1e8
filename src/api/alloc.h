#pragma once
// The C++ side of the exported allocators, for other api/ files that allocate
// on a module's behalf (kstrdup, kasprintf, charp parameters): they pass the
// call site of their own exported entry point so the record names the module.

#include <cstddef>
#include <cstdint>

namespace ksim::api {

constexpr unsigned gfp_zero = 0x100u;                           // __GFP_ZERO
constexpr unsigned gfp_kernel = 0xcc0u;                         // GFP_KERNEL
inline void* const zero_size_ptr = reinterpret_cast<void*>(16); // ZERO_SIZE_PTR

inline bool zero_or_null(const void* p) {
    return reinterpret_cast<uintptr_t>(p) <= 16;
}

// kmalloc semantics (size 0 gives ZERO_SIZE_PTR, too large gives NULL).
void* kmalloc_at(size_t size, unsigned gfp, uint64_t call_site, const char* function);
// kfree semantics (NULL and ZERO_SIZE_PTR are no-ops).
void kfree_at(const void* p, uint64_t call_site, const char* function);
// vmalloc semantics; vfree.
void* vmalloc_at(size_t size, unsigned gfp, uint64_t call_site, const char* function);
void vfree_at(const void* p, uint64_t call_site, const char* function);

} // namespace ksim::api

// The caller of the current exported function: the module's call site.
#define KSIM_CALL_SITE() (reinterpret_cast<uint64_t>(__builtin_return_address(0)))
