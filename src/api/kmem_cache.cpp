// kmem_cache_create/alloc/free/destroy for modules (mirrors the cache half of
// mm/slab_common.c and mm/slub.c). struct kmem_cache is opaque to modules:
// their pointer is a ksim::KmemCache owned by the SlabAllocator.
#include "api/alloc.h"
#include "api/export.h"
#include "kernel/kernel.h"
#include "kernel/slab.h"
#include "kernel/symbolize.h"

#include <algorithm>
#include <cstring>

using namespace ksim;

struct kmem_cache;

namespace {
constexpr unsigned slab_hwcache_align = 0x00002000U;
constexpr unsigned cache_line_size = 64;

// mm/slab_common.c calculate_alignment(): SLAB_HWCACHE_ALIGN asks for a cache
// line, halved while the object fits in half of it; never below 8.
unsigned calculate_alignment(unsigned flags, unsigned align, unsigned size) {
    if (flags & slab_hwcache_align) {
        unsigned ralign = cache_line_size;
        while (size <= ralign / 2)
            ralign /= 2;
        align = std::max(align, ralign);
    }
    align = std::max(align, 8u);
    return (align + 7) & ~7u;
}

KmemCache* as_cache(kmem_cache* s) {
    return reinterpret_cast<KmemCache*>(s);
}
} // namespace

extern "C" {

kmem_cache* kmem_cache_create_usercopy(const char* name, unsigned size, unsigned align,
                                       unsigned flags, unsigned useroffset, unsigned usersize,
                                       void (*ctor)(void*)) {
    // kmem_cache_sanity_check(): a name and a size the allocator can serve.
    if (name == nullptr || size < sizeof(void*) || size > (1u << 22) || (align & (align - 1)) != 0)
        return nullptr;
    if (usersize > size || useroffset > size - usersize)
        usersize = useroffset = 0;
    KmemCache desc;
    desc.name = name;
    desc.align = calculate_alignment(flags, align, size);
    desc.size = (size + desc.align - 1) & ~(desc.align - 1);
    desc.flags = flags;
    desc.useroffset = useroffset;
    desc.usersize = usersize;
    desc.ctor = ctor;
    desc.object_size = size;
    desc.create_site = KSIM_CALL_SITE();
    return reinterpret_cast<kmem_cache*>(Kernel::active().slab().create_cache(std::move(desc)));
}
EXPORT_SYMBOL_KSIM(kmem_cache_create_usercopy)

kmem_cache* kmem_cache_create(const char* name, unsigned size, unsigned align, unsigned flags,
                              void (*ctor)(void*)) {
    kmem_cache* s = kmem_cache_create_usercopy(name, size, align, flags, 0, 0, ctor);
    if (s != nullptr)
        as_cache(s)->create_site = KSIM_CALL_SITE(); // the module's, not ours
    return s;
}
EXPORT_SYMBOL_KSIM(kmem_cache_create)

void* kmem_cache_alloc(kmem_cache* s, unsigned flags) {
    if (s == nullptr)
        return nullptr;
    KmemCache* c = as_cache(s);
    AllocationSite site{KSIM_CALL_SITE(), "kmem_cache_alloc", c->object_size, flags,
                        AllocKind::cache};
    void* p = Kernel::active().slab().allocate(site, c->size, c->align, c);
    // SLUB runs the constructor when it populates a slab, before any
    // allocation from it; every ksim object is fresh, so it runs each time.
    if (p != nullptr && c->ctor != nullptr)
        c->ctor(p);
    return p;
}
EXPORT_SYMBOL_KSIM(kmem_cache_alloc)

void* kmem_cache_alloc_node(kmem_cache* s, unsigned flags, int /*node*/) {
    if (s == nullptr)
        return nullptr;
    KmemCache* c = as_cache(s);
    AllocationSite site{KSIM_CALL_SITE(), "kmem_cache_alloc_node", c->object_size, flags,
                        AllocKind::cache};
    void* p = Kernel::active().slab().allocate(site, c->size, c->align, c);
    if (p != nullptr && c->ctor != nullptr)
        c->ctor(p);
    return p;
}
EXPORT_SYMBOL_KSIM(kmem_cache_alloc_node)

// The object size the cache was created with.
unsigned kmem_cache_size(kmem_cache* s) {
    return as_cache(s)->object_size;
}
EXPORT_SYMBOL_KSIM(kmem_cache_size)

void kmem_cache_free(kmem_cache* s, void* objp) {
    if (objp == nullptr)
        return;
    Kernel::active().slab().release(objp, AllocKind::cache, KSIM_CALL_SITE(), "kmem_cache_free",
                                    as_cache(s));
}
EXPORT_SYMBOL_KSIM(kmem_cache_free)

int kmem_cache_shrink(kmem_cache*) {
    return 0;
}
EXPORT_SYMBOL_KSIM(kmem_cache_shrink)

// mm/slab_common.c kmem_cache_destroy(): NULL is a no-op; a cache that still
// has objects is kept and the kernel warns.
void kmem_cache_destroy(kmem_cache* s) {
    if (s == nullptr)
        return;
    uint64_t site = KSIM_CALL_SITE();
    Kernel& k = Kernel::active();
    KmemCache* c = as_cache(s);
    std::string name = c->name;
    if (k.slab().destroy_cache(c) != 0)
        k.log().emit(4, "kmem_cache_destroy " + name +
                            ": Slab cache still has objects when called from " +
                            format_symbol(k, site, true));
}
EXPORT_SYMBOL_KSIM(kmem_cache_destroy)

const char* kmem_cache_name(kmem_cache* s) {
    return as_cache(s)->name.c_str();
}

} // extern "C"
