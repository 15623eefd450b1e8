// The allocator core: one host block per object with red zones, live and
// quarantined records, fault injection and kmem_cache bookkeeping. See slab.h.
#include "kernel/slab.h"

#include "kernel/task.h"

#include "kernel/kernel.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <ctime>

namespace ksim {

namespace {
// For SLUB's "age=" in jiffies: the coarse monotonic clock ticks about once
// a jiffy and costs a fraction of steady_clock on the kmalloc path.
uint64_t host_ns() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    return uint64_t(ts.tv_sec) * 1'000'000'000u + uint64_t(ts.tv_nsec);
}

// SLUB debugging covers slab objects only: kmalloc up to the largest kmalloc
// cache and kmem_cache objects (vmalloc has guard pages, pages nothing).
bool debugged(const Allocation& a) {
    return a.kind == AllocKind::cache ||
           (a.kind == AllocKind::kmalloc && a.size_class <= SlabAllocator::debug_max_class);
}

// memchr_inv(): the first byte of [p, p + n) that is not `v`, or nullptr.
// Word at a time: poison checks scan whole objects on every recycle.
uint8_t* first_mismatch(uint8_t* p, size_t n, uint8_t v) {
    uint64_t pattern = 0x0101010101010101ull * v;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        std::memcpy(&w, p + i, 8);
        if (w != pattern)
            break;
    }
    for (; i < n; ++i)
        if (p[i] != v)
            return p + i;
    return nullptr;
}

// SLUB's s->object_size: the whole kmalloc class, or what the cache was
// created with.
size_t object_span(const Allocation& a) {
    return a.kind == AllocKind::cache ? a.size : a.size_class;
}
} // namespace

const char* damage_zone_name(DamageZone zone) {
    switch (zone) {
    case DamageZone::left_redzone:
        return "Left Redzone";
    case DamageZone::right_redzone:
        return "Right Redzone";
    case DamageZone::kmalloc_redzone:
        return "kmalloc Redzone";
    case DamageZone::poison:
        return "Poison";
    case DamageZone::end_poison:
        return "End Poison";
    }
    return "?";
}

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
    b.info.alloc_ns = host_ns();
    b.lead = lead;
    b.total = total;
    b.base = base;
    std::lock_guard guard(m_lock);
    b.info.serial = ++m_serial;
    // No quarantined record can share the address: a quarantined object
    // keeps its host block until it is evicted, record and all.
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
    std::vector<SlabDamage> damage;
    bool refused = true;
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
                refused = false;
                if (debugged(b.info)) {
                    // free_debug_processing(): a damaged object is reported,
                    // its zone restored, and SLUB does not free it.
                    if (auto d = check_block_locked(b, function)) {
                        d->not_freed = true;
                        b.info.abandoned = true;
                        damage.push_back(std::move(*d));
                    }
                }
                if (damage.empty()) {
                    poison_locked(b, call_site, sensitive);
                    Block moved = b;
                    m_live.erase(it);
                    size_t total = moved.total;
                    auto [slot, inserted] = m_freed.emplace(addr, std::move(moved));
                    if (inserted) {
                        m_quarantine_order.push_back(slot);
                        m_quarantine_used += total;
                    }
                    evict_locked(damage);
                }
            } else {
                bad.status = kind_ok ? FreeStatus::wrong_cache : FreeStatus::kind_mismatch;
                bad.previous = b.info;
            }
        } else if (auto f = m_freed.find(addr); f != m_freed.end()) {
            bad.status = FreeStatus::double_free;
            bad.previous = f->second.info;
        } else {
            bad.status = FreeStatus::invalid;
        }
    }
    if (refused) {
        report_bad_free(bad);
        return bad.status;
    }
    report_damage(damage);
    return FreeStatus::freed;
}

void SlabAllocator::poison_locked(Block& b, uint64_t call_site, bool sensitive) {
    auto* object = reinterpret_cast<uint8_t*>(b.info.address);
    b.info.free_site = call_site;
    b.info.free_pid = m_kernel.tasks().current().pid;
    b.info.free_ns = host_ns();
    if (!debugged(b.info)) {
        std::memset(object, sensitive ? 0 : poison_free, b.info.size);
        return;
    }
    size_t span = object_span(b.info);
    if (sensitive) {
        // kfree_sensitive() clears all of ksize(); ksim keeps it clear (no
        // poison) so the zeroing stays observable.
        std::memset(object, 0, span);
    } else {
        // init_object(s, object, SLUB_RED_INACTIVE) with __OBJECT_POISON.
        std::memset(object, poison_free, span - 1);
        object[span - 1] = poison_end;
        b.info.poisoned = true;
    }
    std::memset(object - redzone_size, redzone_inactive, redzone_size);
    auto* end = static_cast<uint8_t*>(b.base) + b.total;
    std::memset(object + span, redzone_inactive, end - (object + span));
}

void SlabAllocator::evict_locked(std::vector<SlabDamage>& found) {
    while (m_quarantine_used > quarantine_bytes && !m_quarantine_order.empty()) {
        auto f = m_quarantine_order.front(); // map iterators stay valid
        m_quarantine_order.pop_front();
        // The next one out is cold by now: start loading its record.
        if (!m_quarantine_order.empty())
            __builtin_prefetch(&m_quarantine_order.front()->second);
        // The object would be handed out again: alloc_debug_processing()
        // checks its poison and inactive red zones first.
        if (debugged(f->second.info))
            if (auto d = check_block_locked(f->second, "quarantine"))
                found.push_back(std::move(*d));
        m_quarantine_used -= f->second.total;
        free_block(f->second);
        m_freed.erase(f);
    }
}

std::optional<SlabDamage> SlabAllocator::check_block_locked(Block& b, const char* when) {
    const Allocation& a = b.info;
    bool freed = a.free_ns != 0;
    auto* object = reinterpret_cast<uint8_t*>(a.address);
    auto* end = static_cast<uint8_t*>(b.base) + b.total;
    size_t span = object_span(a);
    uint8_t rz = freed ? redzone_inactive : redzone_byte;
    struct Zone {
        DamageZone zone;
        uint8_t* start;
        size_t len;
        uint8_t value;
    };
    Zone zones[5];
    size_t n = 0;
    zones[n++] = {DamageZone::left_redzone, object - redzone_size, redzone_size, rz};
    zones[n++] = {DamageZone::right_redzone, object + span, size_t(end - (object + span)), rz};
    if (!freed && a.kind == AllocKind::kmalloc && !a.ksize_called && a.size < span)
        zones[n++] = {DamageZone::kmalloc_redzone, object + a.size, span - a.size, redzone_byte};
    if (freed && a.poisoned) {
        zones[n++] = {DamageZone::poison, object, span - 1, poison_free};
        zones[n++] = {DamageZone::end_poison, object + span - 1, 1, poison_end};
    }
    for (size_t i = 0; i < n; ++i) {
        const Zone& z = zones[i];
        uint8_t* fault = first_mismatch(z.start, z.len, z.value);
        if (fault == nullptr)
            continue;
        uint8_t* stop = z.start + z.len;
        while (stop > fault && stop[-1] == z.value)
            --stop;
        return damage_locked(b, z.zone, fault, stop, z.value, when);
    }
    return std::nullopt;
}

SlabDamage SlabAllocator::damage_locked(Block& b, DamageZone zone, uint8_t* fault, uint8_t* stop,
                                        uint8_t value, const char* when) {
    const Allocation& a = b.info;
    auto* object = reinterpret_cast<uint8_t*>(a.address);
    auto* end = static_cast<uint8_t*>(b.base) + b.total;
    size_t span = object_span(a);
    SlabDamage d;
    d.zone = zone;
    d.object = a;
    d.when = when;
    d.first = reinterpret_cast<uintptr_t>(fault);
    d.last = reinterpret_cast<uintptr_t>(stop - 1);
    d.found = *fault;
    d.expected = value;
    d.block = reinterpret_cast<uintptr_t>(b.base);
    d.span = span;
    d.left.assign(object - redzone_size, object);
    d.body.assign(object, object + std::min<size_t>(span, page_size));
    d.right.assign(object + span, end);
    // The notional slab: every object of the same cache.
    auto same = [&](const Block& o) {
        return o.info.kind == a.kind && o.info.cache == a.cache &&
               (a.kind == AllocKind::cache || o.info.size_class == a.size_class);
    };
    for (const auto& [addr, o] : m_live)
        if (same(o))
            ++d.slab_used;
    d.slab_objects = d.slab_used;
    for (const auto& [addr, o] : m_freed)
        if (same(o))
            ++d.slab_objects;
    for (auto it = m_quarantine_order.rbegin(); it != m_quarantine_order.rend(); ++it)
        if (same((*it)->second)) {
            d.slab_free = (*it)->first;
            break;
        }
    // restore_bytes(): SLUB repairs the zone after reporting it.
    std::memset(fault, value, stop - fault);
    return d;
}

void SlabAllocator::report_damage(std::vector<SlabDamage>& found) {
    if (found.empty())
        return;
    m_damaged.fetch_add(found.size());
    std::function<void(const SlabDamage&)> handler;
    {
        std::lock_guard guard(m_lock);
        handler = m_damage_handler;
    }
    if (handler)
        for (const auto& d : found)
            handler(d);
}

size_t SlabAllocator::check_live(uintptr_t address, const char* when) {
    std::vector<SlabDamage> found;
    {
        std::lock_guard guard(m_lock);
        auto it = m_live.find(address);
        if (it != m_live.end() && debugged(it->second.info))
            if (auto d = check_block_locked(it->second, when))
                found.push_back(std::move(*d));
    }
    size_t n = found.size();
    report_damage(found);
    return n;
}

size_t SlabAllocator::check_range(uint64_t begin, uint64_t end, const char* when) {
    std::vector<SlabDamage> found;
    {
        std::lock_guard guard(m_lock);
        for (auto& [addr, b] : m_live)
            if (debugged(b.info) && !b.info.abandoned && b.info.call_site >= begin &&
                b.info.call_site < end)
                if (auto d = check_block_locked(b, when))
                    found.push_back(std::move(*d));
        for (auto& [addr, b] : m_freed)
            if (debugged(b.info) && b.info.free_site >= begin && b.info.free_site < end)
                if (auto d = check_block_locked(b, when))
                    found.push_back(std::move(*d));
    }
    std::sort(found.begin(), found.end(), [](const SlabDamage& x, const SlabDamage& y) {
        return x.object.serial < y.object.serial;
    });
    size_t n = found.size();
    report_damage(found);
    return n;
}

void SlabAllocator::set_damage_handler(std::function<void(const SlabDamage&)> handler) {
    std::lock_guard guard(m_lock);
    m_damage_handler = std::move(handler);
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
            if (b.info.call_site >= begin && b.info.call_site < end && !b.info.abandoned)
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
    bool inactive = b.info.free_ns != 0 && debugged(b.info);
    uint8_t rz = inactive ? redzone_inactive : redzone_byte;
    for (long i = -static_cast<long>(redzone_size); i < 0; ++i)
        if (object[i] != rz)
            out.push_back(i);
    // After ksize() the whole size class belongs to the caller.
    size_t from = b.info.ksize_called ? b.info.size_class : b.info.size;
    if (inactive)
        from = object_span(b.info);
    size_t to = b.total - b.lead;
    for (size_t i = from; i < to; ++i)
        if (object[i] != rz)
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
