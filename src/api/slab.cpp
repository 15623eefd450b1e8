// kmalloc, kfree, krealloc, ksize and kmem_cache_* for modules
// (mirrors mm/slab_common.c, the kmalloc half of mm/slub.c, and mm/util.c's
// kvmalloc_node/kvfree). The bookkeeping lives in kernel/slab.h.
#include "kernel/slab.h"
#include "api/alloc.h"
#include "api/export.h"
#include "kernel/kernel.h"
#include "kernel/symbolize.h"

#include <algorithm>
#include <cstring>

#include "check/context.h"
#include "kernel/kernel.h"

namespace ksim::api {

namespace {
constexpr size_t kmalloc_max_size = size_t{1} << 22; // KMALLOC_MAX_SIZE on x86-64
constexpr size_t kmalloc_max_cache_size = 8192;      // beyond this SLUB goes to the page allocator

SlabAllocator& slab() {
    return Kernel::active().slab();
}

// Natural alignment as SLUB gives it: power-of-two classes are aligned to
// their size up to a page; 96 and 192 to 32 and 64.
size_t kmalloc_align(size_t size_class) {
    if (size_class >= 4096)
        return 4096;
    return size_class & (~size_class + 1);
}
} // namespace

void* kmalloc_at(size_t size, unsigned gfp, uint64_t call_site, const char* function) {
    // might_alloc(): an allocation that may reclaim (GFP_KERNEL) may sleep.
    if (gfp & 0x400u) // __GFP_DIRECT_RECLAIM
        check_might_sleep(Kernel::active(), "include/linux/sched/mm.h", 274,
                          reinterpret_cast<uint64_t>(__builtin_frame_address(0)));
    if (size == 0)
        return zero_size_ptr;
    if (size > kmalloc_max_size)
        return nullptr;
    size_t cls = SlabAllocator::kmalloc_size_class(size);
    AllocationSite site{call_site, function, size, gfp, AllocKind::kmalloc};
    return slab().allocate(site, cls, kmalloc_align(cls));
}

void kfree_at(const void* p, uint64_t call_site, const char* function) {
    if (zero_or_null(p))
        return;
    slab().release(p, AllocKind::kmalloc, call_site, function);
}

} // namespace ksim::api

using namespace ksim;
using namespace ksim::api;

extern "C" {

void* __kmalloc(size_t size, unsigned flags) {
    return kmalloc_at(size, flags, KSIM_CALL_SITE(), "__kmalloc");
}
EXPORT_SYMBOL_KSIM(__kmalloc)

void* __kmalloc_node(size_t size, unsigned flags, int /*node*/) {
    return kmalloc_at(size, flags, KSIM_CALL_SITE(), "__kmalloc_node");
}
EXPORT_SYMBOL_KSIM(__kmalloc_node)

void kfree(const void* objp) {
    kfree_at(objp, KSIM_CALL_SITE(), "kfree");
}
EXPORT_SYMBOL_KSIM(kfree)

// mm/slab_common.c: zeroes the whole usable size before freeing.
void kfree_sensitive(const void* objp) {
    if (zero_or_null(objp))
        return;
    Kernel::active().slab().release(objp, AllocKind::kmalloc, KSIM_CALL_SITE(), "kfree_sensitive",
                                    nullptr, true);
}
EXPORT_SYMBOL_KSIM(kfree_sensitive)

size_t __ksize(const void* objp) {
    if (zero_or_null(objp))
        return 0;
    auto a = Kernel::active().slab().find(reinterpret_cast<uintptr_t>(objp));
    if (!a || a->address != reinterpret_cast<uintptr_t>(objp))
        return 0;
    return a->size_class;
}
EXPORT_SYMBOL_GPL_KSIM(__ksize)

// ksize() tells the caller it may use the whole size class, so the red zone
// check moves to the end of the class.
size_t ksize(const void* objp) {
    size_t n = __ksize(objp);
    if (n != 0)
        Kernel::active().slab().note_ksize(reinterpret_cast<uintptr_t>(objp));
    return n;
}
EXPORT_SYMBOL_KSIM(ksize)

size_t kmalloc_size_roundup(size_t size) {
    if (size == 0)
        return 0;
    if (size > kmalloc_max_size)
        return size;
    return SlabAllocator::kmalloc_size_class(size);
}
EXPORT_SYMBOL_KSIM(kmalloc_size_roundup)

// mm/slab_common.c krealloc(): NULL behaves as kmalloc, size 0 as kfree
// returning ZERO_SIZE_PTR; a new size that fits the size class keeps the
// object where it is (growing into it leaves the new bytes uninitialised
// unless __GFP_ZERO is given).
void* krealloc(const void* p, size_t new_size, unsigned flags) {
    uint64_t site = KSIM_CALL_SITE();
    if (new_size == 0) {
        kfree_at(p, site, "krealloc");
        return zero_size_ptr;
    }
    size_t old_size = 0;
    if (!zero_or_null(p)) {
        auto a = Kernel::active().slab().find(reinterpret_cast<uintptr_t>(p));
        if (!a || a->address != reinterpret_cast<uintptr_t>(p) || a->kind != AllocKind::kmalloc) {
            // Not a kmalloc object: report it as the bad free it would be.
            kfree_at(p, site, "krealloc");
            return nullptr;
        }
        old_size = a->size;
        // SLUB debug's view of the object before it changes size.
        Kernel::active().slab().check_live(a->address, "krealloc");
        // Linux returns the same object when the new size fits its class.
        if (Kernel::active().slab().resize_in_place(a->address, new_size)) {
            if ((flags & gfp_zero) && new_size > old_size)
                std::memset(static_cast<char*>(const_cast<void*>(p)) + old_size, 0,
                            new_size - old_size);
            return const_cast<void*>(p);
        }
    }
    void* n = kmalloc_at(new_size, flags, site, "krealloc");
    if (n == nullptr)
        return nullptr;
    if (old_size != 0)
        std::memcpy(n, p, std::min(old_size, new_size));
    if ((flags & gfp_zero) && new_size > old_size)
        std::memset(static_cast<char*>(n) + old_size, 0, new_size - old_size);
    kfree_at(p, site, "krealloc");
    return n;
}
EXPORT_SYMBOL_KSIM(krealloc)

// mm/util.c: kvmalloc_node() tries kmalloc, falling back to vmalloc for
// sizes beyond what the slab allocator serves without retrying.
void* kvmalloc_node(size_t size, unsigned flags, int /*node*/) {
    uint64_t site = KSIM_CALL_SITE();
    if (size <= kmalloc_max_cache_size)
        return kmalloc_at(size, flags, site, "kvmalloc_node");
    return vmalloc_at(size, flags, site, "kvmalloc_node");
}
EXPORT_SYMBOL_KSIM(kvmalloc_node)

void kvfree(const void* addr) {
    uint64_t site = KSIM_CALL_SITE();
    if (zero_or_null(addr))
        return;
    auto a = Kernel::active().slab().find(reinterpret_cast<uintptr_t>(addr));
    if (a && a->kind == AllocKind::vmalloc)
        vfree_at(addr, site, "kvfree");
    else
        kfree_at(addr, site, "kvfree");
}
EXPORT_SYMBOL_KSIM(kvfree)

void kvfree_sensitive(const void* addr, size_t len) {
    if (zero_or_null(addr))
        return;
    std::memset(const_cast<void*>(addr), 0, len);
    uint64_t site = KSIM_CALL_SITE();
    auto a = Kernel::active().slab().find(reinterpret_cast<uintptr_t>(addr));
    if (a && a->kind == AllocKind::vmalloc)
        vfree_at(addr, site, "kvfree_sensitive");
    else
        kfree_at(addr, site, "kvfree_sensitive");
}
EXPORT_SYMBOL_KSIM(kvfree_sensitive)

void* kvrealloc(const void* p, size_t oldsize, size_t newsize, unsigned flags) {
    uint64_t site = KSIM_CALL_SITE();
    void* n = newsize <= kmalloc_max_cache_size ? kmalloc_at(newsize, flags, site, "kvrealloc")
                                                : vmalloc_at(newsize, flags, site, "kvrealloc");
    if (n == nullptr)
        return nullptr;
    if (!zero_or_null(n) && !zero_or_null(p))
        std::memcpy(n, p, std::min(oldsize, newsize));
    if (!zero_or_null(p)) {
        auto a = Kernel::active().slab().find(reinterpret_cast<uintptr_t>(p));
        if (a && a->kind == AllocKind::vmalloc)
            vfree_at(p, site, "kvrealloc");
        else
            kfree_at(p, site, "kvrealloc");
    }
    return n;
}
EXPORT_SYMBOL_KSIM(kvrealloc)

} // extern "C"
