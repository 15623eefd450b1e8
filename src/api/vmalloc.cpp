// vmalloc/vzalloc/vfree and the page allocator entry points modules use
// (mirrors mm/vmalloc.c and the exported half of mm/page_alloc.c). Objects
// are page aligned and rounded to whole pages, as there.
#include "api/alloc.h"
#include "api/export.h"
#include "kernel/kernel.h"
#include "kernel/slab.h"

#include <cstring>

namespace ksim::api {

namespace {
constexpr size_t page_size = SlabAllocator::page_size;
constexpr unsigned max_order = 10; // MAX_ORDER on x86-64 in 6.1 (orders 0..10)
size_t page_align(size_t n) {
    return (n + page_size - 1) & ~(page_size - 1);
}
} // namespace

void* vmalloc_at(size_t size, unsigned gfp, uint64_t call_site, const char* function) {
    // __vmalloc_node_range(): a zero size (or one that overflows when page
    // aligned) fails.
    size_t aligned = page_align(size);
    if (size == 0 || aligned < size)
        return nullptr;
    AllocationSite site{call_site, function, size, gfp, AllocKind::vmalloc};
    return Kernel::active().slab().allocate(site, aligned, page_size);
}

void vfree_at(const void* p, uint64_t call_site, const char* function) {
    if (p == nullptr)
        return;
    Kernel::active().slab().release(p, AllocKind::vmalloc, call_site, function);
}

} // namespace ksim::api

using namespace ksim;
using namespace ksim::api;

extern "C" {

void* vmalloc(unsigned long size) {
    return vmalloc_at(size, gfp_kernel, KSIM_CALL_SITE(), "vmalloc");
}
EXPORT_SYMBOL_KSIM(vmalloc)

void* vzalloc(unsigned long size) {
    return vmalloc_at(size, gfp_kernel | gfp_zero, KSIM_CALL_SITE(), "vzalloc");
}
EXPORT_SYMBOL_KSIM(vzalloc)

void* __vmalloc(unsigned long size, unsigned gfp_mask) {
    return vmalloc_at(size, gfp_mask, KSIM_CALL_SITE(), "__vmalloc");
}
EXPORT_SYMBOL_KSIM(__vmalloc)

void* vmalloc_node(unsigned long size, int) {
    return vmalloc_at(size, gfp_kernel, KSIM_CALL_SITE(), "vmalloc_node");
}
EXPORT_SYMBOL_KSIM(vmalloc_node)

void* vzalloc_node(unsigned long size, int) {
    return vmalloc_at(size, gfp_kernel | gfp_zero, KSIM_CALL_SITE(), "vzalloc_node");
}
EXPORT_SYMBOL_KSIM(vzalloc_node)

void* vmalloc_user(unsigned long size) {
    return vmalloc_at(size, gfp_kernel | gfp_zero, KSIM_CALL_SITE(), "vmalloc_user");
}
EXPORT_SYMBOL_KSIM(vmalloc_user)

void* vmalloc_array(size_t n, size_t size) {
    size_t bytes;
    if (__builtin_mul_overflow(n, size, &bytes))
        return nullptr;
    return vmalloc_at(bytes, gfp_kernel, KSIM_CALL_SITE(), "vmalloc_array");
}
EXPORT_SYMBOL_KSIM(vmalloc_array)

void* vcalloc(size_t n, size_t size) {
    size_t bytes;
    if (__builtin_mul_overflow(n, size, &bytes))
        return nullptr;
    return vmalloc_at(bytes, gfp_kernel | gfp_zero, KSIM_CALL_SITE(), "vcalloc");
}
EXPORT_SYMBOL_KSIM(vcalloc)

void* __vmalloc_array(size_t n, size_t size, unsigned flags) {
    size_t bytes;
    if (__builtin_mul_overflow(n, size, &bytes))
        return nullptr;
    return vmalloc_at(bytes, flags, KSIM_CALL_SITE(), "__vmalloc_array");
}
EXPORT_SYMBOL_KSIM(__vmalloc_array)

void* __vcalloc(size_t n, size_t size, unsigned flags) {
    size_t bytes;
    if (__builtin_mul_overflow(n, size, &bytes))
        return nullptr;
    return vmalloc_at(bytes, flags | gfp_zero, KSIM_CALL_SITE(), "__vcalloc");
}
EXPORT_SYMBOL_KSIM(__vcalloc)

// 32-bit addressable memory: every ksim allocation is host memory, the
// distinction has no meaning here.
void* vmalloc_32(unsigned long size) {
    return vmalloc_at(size, gfp_kernel, KSIM_CALL_SITE(), "vmalloc_32");
}
EXPORT_SYMBOL_KSIM(vmalloc_32)

void* vmalloc_32_user(unsigned long size) {
    return vmalloc_at(size, gfp_kernel | gfp_zero, KSIM_CALL_SITE(), "vmalloc_32_user");
}
EXPORT_SYMBOL_KSIM(vmalloc_32_user)

void vfree(const void* addr) {
    vfree_at(addr, KSIM_CALL_SITE(), "vfree");
}
EXPORT_SYMBOL_KSIM(vfree)

// Linux defers the free to a work item; nothing here needs deferring.
void vfree_atomic(const void* addr) {
    vfree_at(addr, KSIM_CALL_SITE(), "vfree_atomic");
}
EXPORT_SYMBOL_KSIM(vfree_atomic)

bool is_vmalloc_addr(const void* x) {
    auto a = Kernel::active().slab().find(reinterpret_cast<uintptr_t>(x));
    return a && a->kind == AllocKind::vmalloc;
}
EXPORT_SYMBOL_KSIM(is_vmalloc_addr)

unsigned long __get_free_pages(unsigned gfp_mask, unsigned order) {
    if (order > max_order)
        return 0;
    size_t bytes = page_size << order;
    AllocationSite site{KSIM_CALL_SITE(), "__get_free_pages", bytes, gfp_mask, AllocKind::pages};
    return reinterpret_cast<unsigned long>(
        Kernel::active().slab().allocate(site, bytes, page_size));
}
EXPORT_SYMBOL_KSIM(__get_free_pages)

unsigned long get_zeroed_page(unsigned gfp_mask) {
    AllocationSite site{KSIM_CALL_SITE(), "get_zeroed_page", page_size, gfp_mask | gfp_zero,
                        AllocKind::pages};
    return reinterpret_cast<unsigned long>(
        Kernel::active().slab().allocate(site, page_size, page_size));
}
EXPORT_SYMBOL_KSIM(get_zeroed_page)

void free_pages(unsigned long addr, unsigned /*order*/) {
    if (addr == 0)
        return;
    Kernel::active().slab().release(reinterpret_cast<void*>(addr), AllocKind::pages,
                                    KSIM_CALL_SITE(), "free_pages");
}
EXPORT_SYMBOL_KSIM(free_pages)

void* alloc_pages_exact(size_t size, unsigned gfp_mask) {
    size_t bytes = page_align(size);
    if (size == 0 || bytes > (page_size << max_order))
        return nullptr;
    AllocationSite site{KSIM_CALL_SITE(), "alloc_pages_exact", bytes, gfp_mask, AllocKind::pages};
    return Kernel::active().slab().allocate(site, bytes, page_size);
}
EXPORT_SYMBOL_KSIM(alloc_pages_exact)

void free_pages_exact(void* virt, size_t) {
    if (virt == nullptr)
        return;
    Kernel::active().slab().release(virt, AllocKind::pages, KSIM_CALL_SITE(), "free_pages_exact");
}
EXPORT_SYMBOL_KSIM(free_pages_exact)

} // extern "C"
