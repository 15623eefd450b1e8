// The allocator core: one host block per object with red zones, live and
// quarantined records, fault injection and kmem_cache bookkeeping. See slab.h.
#include "kernel/slab.h"

#include "kernel/task.h"

#include "kernel/kernel.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace ksim {

const char* alloc_kind_name(AllocKind kind) {
    switch (kind) {
    case AllocKind::kmalloc:
        return "kmalloc";
    case AllocKind::cache:
        return "kmem_cache";
    case AllocKind::vmalloc:
        return "vmalloc";
    case AllocKind::pages:
        return "pages";
    }
    return "?";
}

SlabAllocator::SlabAllocator(Kernel& kernel) : m_kernel(kernel) {}

SlabAllocator::~SlabAllocator() {
    // The kernel is going away: whatever modules leaked goes with it.
    for (auto& [addr, b] : m_live)
        std::free(b.base);
    for (auto& [addr, b] : m_freed)
        std::free(b.base);
}

size_t SlabAllocator::kmalloc_size_class(size_t size) {
    // mm/slab_common.c size_index[] and kmalloc_info[]: 96 and 192 exist
    // besides the powers of two; the smallest class is 8 bytes on x86-64.
    if (size <= 8)
        return 8;
    if (size > 64 && size <= 96)
        return 96;
    if (size > 128 && size <= 192)
        return 192;
    size_t c = 16;
    while (c < size)
        c <<= 1;
    return c;
}

bool SlabAllocator::should_fail(const AllocationSite& site) {
    m_failable_calls.fetch_add(1);
    if (m_kernel.faults().should_fail(m_kernel, site.call_site, site.function))
        return true;
    std::function<bool(const AllocationSite&)> hook;
    {
        std::lock_guard guard(m_lock);
        hook = m_should_fail;
    }
    return hook && hook(site);
}

void* SlabAllocator::allocate(const AllocationSite& site, size_t size_class, size_t align,
                              const KmemCache* cache) {
    if (should_fail(site))
        return nullptr;
    align = std::max<size_t>(align, 16);
    size_t lead = std::max(redzone_size, align);
    size_t usable = std::max(size_class, site.size);
    size_t total = lead + usable + redzone_size;
    void* base = nullptr;
    if (posix_memalign(&base, align, total) != 0)
        return nullptr;
    auto* bytes = static_cast<uint8_t*>(base);
    uint8_t* object = bytes + lead;
    std::memset(object - redzone_size, redzone_byte, redzone_size);
    std::memset(object + site.size, redzone_byte, total - lead - site.size);
    // Debian's 6.1 is built with CONFIG_INIT_ON_ALLOC_DEFAULT_ON=y: every
    // allocation comes back zeroed, __GFP_ZERO or not, so a module reading
    // memory it never wrote sees what it would see on that kernel. Caches
    // with a constructor are the exception (init_on_alloc skips them).
    if (cache == nullptr || cache->ctor == nullptr || (site.gfp & 0x100u))
        std::memset(object, 0, site.size);

    Block b;
    b.info.address = reinterpret_cast<uintptr_t>(object);
    b.info.size = site.size;
    b.info.size_class = size_class;
    b.info.gfp = site.gfp;
    b.info.kind = site.kind;
    b.info.call_site = site.call_site;
    b.info.cache = cache;
    // The allocating task, for kmemleak's "comm ..., pid ..." line.
    const task_struct& task = m_kernel.tasks().current();
    b.info.pid = task.pid;
    b.info.comm = task.comm;
    b.lead = lead;
    b.total = total;
    b.base = base;
    std::lock_guard guard(m_lock);
    b.info.serial = ++m_serial;
    // A quarantined record at the same address is stale now.
    if (auto it = m_freed.find(b.info.address); it != m_freed.end()) {
        m_quarantine_used -= it->second.total;
        m_freed.erase(it);
    }
    m_live.emplace(b.info.address, b);
    return object;
}

void SlabAllocator::free_block(Block& b) {
    std::free(b.base);
}

void SlabAllocator::report_bad_free(const BadFree& bad) {
    m_bad_frees.fetch_add(1);
    std::function<void(const BadFree&)> handler;
    {
        std::lock_guard guard(m_lock);
        handler = m_bad_free_handler;
    }
    if (handler)
        handler(bad);
}

FreeStatus SlabAllocator::release(const void* ptr, AllocKind kind, uint64_t call_site,
                                  const char* function, const KmemCache* cache, bool sensitive) {
    auto addr = reinterpret_cast<uintptr_t>(ptr);
    BadFree bad;
    bad.address = addr;
    bad.call_site = call_site;
    bad.function = function;
    {
        std::lock_guard guard(m_lock);
        auto it = m_live.find(addr);
        if (it != m_live.end()) {
            Block& b = it->second;
            // kvfree() frees either kind, so kmalloc and vmalloc objects are
            // interchangeable there; the api layer passes the kind it expects.
            bool kind_ok = b.info.kind == kind;
            bool cache_ok = cache == nullptr || b.info.cache == cache;
            if (kind_ok && cache_ok) {
                auto* object = reinterpret_cast<uint8_t*>(addr);
                // kfree_sensitive() zeroes first; then poison, as SLUB
                // debugging does, so a use after free reads 0x6b.
                std::memset(object, sensitive ? 0 : poison_free, b.info.size);
                b.info.free_site = call_site;
                Block moved = b;
                m_live.erase(it);
                m_freed.emplace(addr, moved);
                m_quarantine_order.push_back(addr);
                m_quarantine_used += moved.total;
                while (m_quarantine_used > quarantine_bytes && !m_quarantine_order.empty()) {
                    uintptr_t old = m_quarantine_order.front();
                    m_quarantine_order.pop_front();
                    auto f = m_freed.find(old);
                    if (f == m_freed.end())
                        continue; // reallocated since
                    m_quarantine_used -= f->second.total;
                    free_block(f->second);
                    m_freed.erase(f);
                }
                return FreeStatus::freed;
            }
            bad.status = kind_ok ? FreeStatus::wrong_cache : FreeStatus::kind_mismatch;
            bad.previous = b.info;
        } else if (auto f = m_freed.find(addr); f != m_freed.end()) {
            bad.status = FreeStatus::double_free;
            bad.previous = f->second.info;
        } else {
            bad.status = FreeStatus::invalid;
        }
    }
    report_bad_free(bad);
    return bad.status;
}

namespace {
template <typename Map> const typename Map::mapped_type* containing(const Map& map, uintptr_t a) {
    auto it = map.upper_bound(a);
    if (it == map.begin())
        return nullptr;
    --it;
    const auto& b = it->second;
    size_t extent = std::max<size_t>(b.info.size, 1);
    if (a >= b.info.address && a < b.info.address + extent)
        return &b;
    return nullptr;
}
} // namespace

std::optional<Allocation> SlabAllocator::find(uintptr_t address) const {
    std::lock_guard guard(m_lock);
    if (auto* b = containing(m_live, address))
        return b->info;
    return std::nullopt;
}

std::optional<Allocation> SlabAllocator::find_freed(uintptr_t address) const {
    std::lock_guard guard(m_lock);
    if (auto* b = containing(m_freed, address))
        return b->info;
    return std::nullopt;
}

bool SlabAllocator::resize_in_place(uintptr_t address, size_t new_size) {
    std::lock_guard guard(m_lock);
    auto it = m_live.find(address);
    if (it == m_live.end() || new_size > it->second.info.size_class || new_size == 0)
        return false;
    Block& b = it->second;
    auto* object = reinterpret_cast<uint8_t*>(address);
    if (new_size < b.info.size)
        std::memset(object + new_size, redzone_byte, b.info.size - new_size);
    b.info.size = new_size;
    return true;
}

void SlabAllocator::note_ksize(uintptr_t address) {
    std::lock_guard guard(m_lock);
    if (auto it = m_live.find(address); it != m_live.end())
        it->second.info.ksize_called = true;
}

std::vector<Allocation> SlabAllocator::live() const {
    return live_from(0, UINT64_MAX);
}

std::vector<Allocation> SlabAllocator::live_from(uint64_t begin, uint64_t end) const {
    std::vector<Allocation> out;
    {
        std::lock_guard guard(m_lock);
        for (const auto& [addr, b] : m_live)
            if (b.info.call_site >= begin && b.info.call_site < end)
                out.push_back(b.info);
    }
    std::sort(out.begin(), out.end(),
              [](const Allocation& x, const Allocation& y) { return x.serial < y.serial; });
    return out;
}

size_t SlabAllocator::live_count() const {
    std::lock_guard guard(m_lock);
    return m_live.size();
}

std::vector<long> SlabAllocator::damaged_redzone(const Allocation& a) const {
    std::vector<long> out;
    std::lock_guard guard(m_lock);
    auto it = m_live.find(a.address);
    if (it == m_live.end()) {
        it = m_freed.find(a.address);
        if (it == m_freed.end())
            return out;
    }
    const Block& b = it->second;
    auto* object = reinterpret_cast<const uint8_t*>(b.info.address);
    for (long i = -static_cast<long>(redzone_size); i < 0; ++i)
        if (object[i] != redzone_byte)
            out.push_back(i);
    // After ksize() the whole size class belongs to the caller.
    size_t from = b.info.ksize_called ? b.info.size_class : b.info.size;
    size_t to = b.total - b.lead;
    for (size_t i = from; i < to; ++i)
        if (object[i] != redzone_byte)
            out.push_back(static_cast<long>(i));
    return out;
}

void SlabAllocator::set_should_fail(std::function<bool(const AllocationSite&)> hook) {
    std::lock_guard guard(m_lock);
    m_should_fail = std::move(hook);
}

void SlabAllocator::set_bad_free_handler(std::function<void(const BadFree&)> handler) {
    std::lock_guard guard(m_lock);
    m_bad_free_handler = std::move(handler);
}

KmemCache* SlabAllocator::create_cache(KmemCache desc) {
    std::lock_guard guard(m_lock);
    m_caches.push_back(std::make_unique<KmemCache>(std::move(desc)));
    return m_caches.back().get();
}

size_t SlabAllocator::destroy_cache(KmemCache* cache) {
    std::lock_guard guard(m_lock);
    size_t remaining = 0;
    for (const auto& [addr, b] : m_live)
        if (b.info.cache == cache)
            ++remaining;
    if (remaining != 0)
        return remaining; // the objects keep pointing at their cache
    // Quarantined objects must not keep a dangling cache pointer.
    for (auto& [addr, b] : m_freed)
        if (b.info.cache == cache)
            b.info.cache = nullptr;
    std::erase_if(m_caches, [&](const auto& c) { return c.get() == cache; });
    return 0;
}

bool SlabAllocator::is_cache(const void* p) const {
    std::lock_guard guard(m_lock);
    return std::any_of(m_caches.begin(), m_caches.end(),
                       [&](const auto& c) { return c.get() == p; });
}

} // namespace ksim
