// The allocator behind kmalloc & co.: size classes, ZERO_SIZE_PTR, kfree
// of NULL, krealloc, call-site recording, live-object queries, bad frees,
// red zones and the failure hook.
#include "kernel/kernel.h"
#include "kernel/slab.h"

#include <atomic>
#include <cstring>
#include <gtest/gtest.h>
#include <thread>
#include <vector>

extern "C" {
void* __kmalloc(size_t size, unsigned flags);
void kfree(const void* p);
void kfree_sensitive(const void* p);
size_t ksize(const void* p);
void* krealloc(const void* p, size_t new_size, unsigned flags);
void* vmalloc(unsigned long size);
void* vzalloc(unsigned long size);
void vfree(const void* p);
void* kvmalloc_node(size_t size, unsigned flags, int node);
void kvfree(const void* p);
unsigned long __get_free_pages(unsigned gfp, unsigned order);
unsigned long get_zeroed_page(unsigned gfp);
void free_pages(unsigned long addr, unsigned order);
struct kmem_cache;
kmem_cache* kmem_cache_create(const char* name, unsigned size, unsigned align, unsigned flags,
                              void (*ctor)(void*));
void* kmem_cache_alloc(kmem_cache* s, unsigned flags);
void kmem_cache_free(kmem_cache* s, void* p);
void kmem_cache_destroy(kmem_cache* s);
}

namespace {

constexpr unsigned GFP_KERNEL = 0xcc0;
constexpr unsigned GFP_ZERO = 0x100;
void* const ZERO_SIZE_PTR = reinterpret_cast<void*>(16);

using ksim::AllocKind;
using ksim::FreeStatus;

class Slab : public ::testing::Test {
  protected:
    ksim::Kernel kernel;
    ksim::SlabAllocator& slab = kernel.slab();
};

TEST_F(Slab, SizeClassesAsLinux) {
    // Checked against Linux 6.1: ksize(kmalloc(n)) for 1, 65, 129, 9000.
    const std::pair<size_t, size_t> cases[] = {
        {1, 8},     {8, 8},     {9, 16},    {33, 64},     {65, 96},      {96, 96},     {97, 128},
        {129, 192}, {193, 256}, {257, 512}, {4097, 8192}, {8193, 16384}, {9000, 16384}};
    for (auto [req, cls] : cases) {
        void* p = __kmalloc(req, GFP_KERNEL);
        ASSERT_NE(p, nullptr);
        EXPECT_EQ(ksize(p), cls) << req;
        kfree(p);
    }
}

TEST_F(Slab, ZeroSizeAndNull) {
    EXPECT_EQ(__kmalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
    kfree(nullptr);
    kfree(ZERO_SIZE_PTR);
    EXPECT_EQ(ksize(ZERO_SIZE_PTR), 0u);
    EXPECT_EQ(slab.bad_free_count(), 0u);
    EXPECT_EQ(slab.live_count(), 0u);
    EXPECT_EQ(__kmalloc(size_t{1} << 23, GFP_KERNEL), nullptr); // > KMALLOC_MAX_SIZE
}

TEST_F(Slab, GfpZeroAndAlignment) {
    auto* p = static_cast<unsigned char*>(__kmalloc(200, GFP_KERNEL | GFP_ZERO));
    for (int i = 0; i < 200; ++i)
        ASSERT_EQ(p[i], 0);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % 64, 0u); // 192-byte class
    void* q = __kmalloc(512, GFP_KERNEL);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(q) % 512, 0u);
    kfree(p);
    kfree(q);
}

[[gnu::noinline]] void* allocate_here() {
    void* p = __kmalloc(24, GFP_KERNEL);
    asm volatile("" ::: "memory"); // keep the call from becoming a tail call
    return p;
}

TEST_F(Slab, RecordsCallSiteAndQueriesByRange) {
    void* p = allocate_here();
    auto rec = slab.find(reinterpret_cast<uintptr_t>(p) + 5); // interior address
    ASSERT_TRUE(rec.has_value());
    EXPECT_EQ(rec->address, reinterpret_cast<uintptr_t>(p));
    EXPECT_EQ(rec->size, 24u);
    EXPECT_EQ(rec->size_class, 32u);
    EXPECT_EQ(rec->gfp, GFP_KERNEL);
    EXPECT_EQ(rec->kind, AllocKind::kmalloc);
    auto fn = reinterpret_cast<uintptr_t>(&allocate_here);
    EXPECT_GT(rec->call_site, fn);
    EXPECT_LT(rec->call_site, fn + 128);
    auto in_fn = slab.live_from(fn, fn + 128);
    ASSERT_EQ(in_fn.size(), 1u);
    EXPECT_EQ(in_fn[0].address, rec->address);
    void* other = __kmalloc(8, GFP_KERNEL);
    EXPECT_EQ(slab.live_from(fn, fn + 128).size(), 1u);
    EXPECT_EQ(slab.live().size(), 2u);
    kfree(p);
    kfree(other);
    EXPECT_TRUE(slab.live().empty());
}

TEST_F(Slab, Krealloc) {
    auto* p = static_cast<char*>(krealloc(nullptr, 10, GFP_KERNEL));
    ASSERT_NE(p, nullptr);
    std::memcpy(p, "abcdefghi", 10);
    // Within the 16-byte class the object stays put.
    EXPECT_EQ(krealloc(p, 16, GFP_KERNEL), p);
    EXPECT_EQ(slab.find(reinterpret_cast<uintptr_t>(p))->size, 16u);
    EXPECT_EQ(krealloc(p, 10, GFP_KERNEL), p);
    EXPECT_TRUE(slab.damaged_redzone(*slab.find(reinterpret_cast<uintptr_t>(p))).empty());
    auto* q = static_cast<char*>(krealloc(p, 100, GFP_KERNEL));
    EXPECT_NE(q, p);
    ASSERT_NE(q, nullptr);
    EXPECT_STREQ(q, "abcdefghi");
    EXPECT_EQ(slab.live_count(), 1u);
    EXPECT_EQ(krealloc(q, 0, GFP_KERNEL), ZERO_SIZE_PTR);
    EXPECT_EQ(slab.live_count(), 0u);
}

TEST_F(Slab, BadFreesAreReportedNotExecuted) {
    std::vector<ksim::BadFree> seen;
    slab.set_bad_free_handler([&](const ksim::BadFree& b) { seen.push_back(b); });
    void* p = __kmalloc(16, GFP_KERNEL);
    kfree(p);
    kfree(p); // double free
    int on_stack;
    kfree(&on_stack); // never allocated
    void* v = vmalloc(100);
    kfree(v); // wrong kind
    ASSERT_EQ(seen.size(), 3u);
    EXPECT_EQ(seen[0].status, FreeStatus::double_free);
    ASSERT_TRUE(seen[0].previous.has_value());
    EXPECT_EQ(seen[0].previous->size, 16u);
    EXPECT_EQ(seen[1].status, FreeStatus::invalid);
    EXPECT_EQ(seen[2].status, FreeStatus::kind_mismatch);
    EXPECT_TRUE(slab.find(reinterpret_cast<uintptr_t>(v)).has_value()); // still live
    vfree(v);
    EXPECT_EQ(slab.bad_free_count(), 3u);
}

TEST_F(Slab, FreedMemoryIsPoisonedAndSensitiveZeroed) {
    auto* p = static_cast<unsigned char*>(__kmalloc(32, GFP_KERNEL));
    std::memset(p, 0x11, 32);
    kfree(p);
    ASSERT_TRUE(slab.find_freed(reinterpret_cast<uintptr_t>(p)).has_value());
    EXPECT_EQ(p[0], ksim::SlabAllocator::poison_free); // quarantined, still mapped
    auto* s = static_cast<unsigned char*>(__kmalloc(32, GFP_KERNEL));
    std::memset(s, 0x11, 32);
    kfree_sensitive(s);
    EXPECT_EQ(s[31], 0);
}

TEST_F(Slab, RedZonesShowOverflows) {
    auto* p = static_cast<char*>(__kmalloc(10, GFP_KERNEL));
    auto rec = *slab.find(reinterpret_cast<uintptr_t>(p));
    EXPECT_TRUE(slab.damaged_redzone(rec).empty());
    p[10] = 'x'; // one past the requested size (inside the 16-byte class)
    p[-1] = 'y';
    auto damaged = slab.damaged_redzone(rec);
    ASSERT_EQ(damaged.size(), 2u);
    EXPECT_EQ(damaged[0], -1);
    EXPECT_EQ(damaged[1], 10);
    p[10] = static_cast<char>(ksim::SlabAllocator::redzone_byte);
    p[-1] = static_cast<char>(ksim::SlabAllocator::redzone_byte);
    // After ksize() the whole class is the caller's.
    EXPECT_EQ(ksize(p), 16u);
    p[15] = 'z';
    EXPECT_TRUE(slab.damaged_redzone(*slab.find(reinterpret_cast<uintptr_t>(p))).empty());
    kfree(p);
}

TEST_F(Slab, FailureHook) {
    int calls = 0;
    slab.set_should_fail([&](const ksim::AllocationSite& site) {
        ++calls;
        return site.size == 77;
    });
    uint64_t before = slab.failable_calls();
    EXPECT_EQ(__kmalloc(77, GFP_KERNEL), nullptr);
    void* ok = __kmalloc(78, GFP_KERNEL);
    EXPECT_NE(ok, nullptr);
    EXPECT_EQ(__kmalloc(0, GFP_KERNEL), ZERO_SIZE_PTR); // not a failable call
    EXPECT_EQ(calls, 2);
    EXPECT_EQ(slab.failable_calls() - before, 2u);
    slab.set_should_fail(nullptr);
    kfree(ok);
}

TEST_F(Slab, VmallocPagesAndKvmalloc) {
    auto* v = static_cast<unsigned char*>(vzalloc(10000));
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(v) % 4096, 0u);
    EXPECT_EQ(v[9999], 0);
    EXPECT_EQ(slab.find(reinterpret_cast<uintptr_t>(v))->kind, AllocKind::vmalloc);
    vfree(v);
    vfree(nullptr);
    EXPECT_EQ(vmalloc(0), nullptr);
    unsigned long page = get_zeroed_page(GFP_KERNEL);
    ASSERT_NE(page, 0u);
    EXPECT_EQ(page % 4096, 0u);
    EXPECT_EQ(reinterpret_cast<unsigned char*>(page)[4095], 0);
    free_pages(page, 0);
    unsigned long four = __get_free_pages(GFP_KERNEL, 2);
    EXPECT_EQ(slab.find(four)->size, 4u * 4096);
    free_pages(four, 2);
    void* small = kvmalloc_node(100, GFP_KERNEL, -1);
    void* big = kvmalloc_node(1 << 20, GFP_KERNEL, -1);
    EXPECT_EQ(slab.find(reinterpret_cast<uintptr_t>(small))->kind, AllocKind::kmalloc);
    EXPECT_EQ(slab.find(reinterpret_cast<uintptr_t>(big))->kind, AllocKind::vmalloc);
    kvfree(small);
    kvfree(big);
    EXPECT_EQ(slab.live_count(), 0u);
    EXPECT_EQ(slab.bad_free_count(), 0u);
}

int ctor_calls = 0;
void ctor(void* p) {
    ++ctor_calls;
    std::memset(p, 0x5a, 40);
}

TEST_F(Slab, KmemCache) {
    kmem_cache* c = kmem_cache_create("ksim_test", 40, 0, 0x00002000U /* HWCACHE_ALIGN */, ctor);
    ASSERT_NE(c, nullptr);
    auto* a = static_cast<unsigned char*>(kmem_cache_alloc(c, GFP_KERNEL));
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(ctor_calls, 1);
    EXPECT_EQ(a[39], 0x5a);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(a) % 64, 0u);
    auto rec = slab.find(reinterpret_cast<uintptr_t>(a));
    EXPECT_EQ(rec->kind, AllocKind::cache);
    EXPECT_EQ(rec->size, 40u);
    EXPECT_EQ(rec->size_class, 64u);
    // Destroying a cache with live objects keeps it and warns.
    uint64_t seq = kernel.log().next_seq();
    kmem_cache_destroy(c);
    auto recs = kernel.log().records_from(seq);
    ASSERT_EQ(recs.size(), 1u);
    EXPECT_EQ(recs[0].text.rfind("kmem_cache_destroy ksim_test: Slab cache still has objects", 0),
              0u);
    kmem_cache_free(c, a);
    EXPECT_EQ(slab.bad_free_count(), 0u);
    kmem_cache_destroy(c);
    kmem_cache_destroy(nullptr);
    EXPECT_EQ(kernel.log().records_from(seq).size(), 1u);
}

TEST_F(Slab, ThreadSafe) {
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([] {
            for (int i = 0; i < 2000; ++i) {
                void* p = __kmalloc(static_cast<size_t>(i % 300) + 1, GFP_KERNEL);
                kfree(p);
            }
        });
    for (auto& th : threads)
        th.join();
    EXPECT_EQ(slab.live_count(), 0u);
    EXPECT_EQ(slab.bad_free_count(), 0u);
}

} // namespace

// SLUB debug's check_object(): red zones and poison are checked at kfree,
// krealloc, rmmod (check_range) and when a freed object leaves the
// quarantine; damage goes to the handler and the zone is restored.
class SlabDebug : public Slab {
  protected:
    void SetUp() override {
        slab.set_damage_handler([this](const ksim::SlabDamage& d) { seen.push_back(d); });
    }
    std::vector<ksim::SlabDamage> seen;
};

TEST_F(SlabDebug, WritePastTheEndIsFoundByKfreeWhichKeepsTheObject) {
    auto* p = static_cast<unsigned char*>(__kmalloc(64, GFP_KERNEL));
    auto addr = reinterpret_cast<uintptr_t>(p);
    p[64] = 0;
    p[65] = 0;
    kfree(p);
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].zone, ksim::DamageZone::right_redzone);
    EXPECT_STREQ(ksim::damage_zone_name(seen[0].zone), "Right Redzone");
    EXPECT_EQ(seen[0].first, addr + 64);
    EXPECT_EQ(seen[0].last, addr + 65);
    EXPECT_EQ(seen[0].found, 0);
    EXPECT_EQ(seen[0].expected, 0xcc);
    EXPECT_TRUE(seen[0].not_freed);
    EXPECT_STREQ(seen[0].when, "kfree");
    EXPECT_EQ(seen[0].body.size(), 64u);
    EXPECT_EQ(seen[0].right[0], 0); // the snapshot is from before the repair
    // SLUB does not free it, and it is nobody's leak.
    auto rec = slab.find(addr);
    ASSERT_TRUE(rec.has_value());
    EXPECT_TRUE(slab.damaged_redzone(*rec).empty()); // restored
    EXPECT_TRUE(slab.live_from(0, UINT64_MAX).empty());
    kfree(p); // now intact: freed
    EXPECT_EQ(seen.size(), 1u);
    EXPECT_FALSE(slab.find(addr).has_value());
    EXPECT_EQ(slab.damage_count(), 1u);
}

TEST_F(SlabDebug, KmallocRedzoneLeftRedzoneAndKsize) {
    auto* p = static_cast<unsigned char*>(__kmalloc(40, GFP_KERNEL));
    auto addr = reinterpret_cast<uintptr_t>(p);
    EXPECT_EQ(slab.check_live(addr, "krealloc"), 0u);
    p[41] = 'x'; // inside kmalloc-64, past the 40 bytes asked for
    EXPECT_EQ(slab.check_live(addr, "krealloc"), 1u);
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].zone, ksim::DamageZone::kmalloc_redzone);
    EXPECT_EQ(seen[0].first, addr + 41);
    EXPECT_EQ(seen[0].found, 'x');
    EXPECT_EQ(slab.check_live(addr, "krealloc"), 0u); // repaired
    p[-16] = 1;
    EXPECT_EQ(slab.check_live(addr, "krealloc"), 1u);
    EXPECT_EQ(seen[1].zone, ksim::DamageZone::left_redzone);
    EXPECT_EQ(seen[1].first, addr - 16);
    // After ksize() the class is the caller's; beyond it still is not.
    EXPECT_EQ(ksize(p), 64u);
    p[63] = 1;
    EXPECT_EQ(slab.check_live(addr, "krealloc"), 0u);
    kfree(p);
    EXPECT_EQ(seen.size(), 2u);
}

TEST_F(SlabDebug, FreedObjectsArePoisonedAsSlub) {
    auto* p = static_cast<unsigned char*>(__kmalloc(20, GFP_KERNEL)); // kmalloc-32
    kfree(p);
    for (int i = 0; i < 31; ++i)
        EXPECT_EQ(p[i], 0x6b) << i;
    EXPECT_EQ(p[31], 0xa5); // POISON_END
    EXPECT_EQ(p[-1], 0xbb); // SLUB_RED_INACTIVE
    EXPECT_EQ(p[32], 0xbb);
    EXPECT_EQ(slab.check_range(0, UINT64_MAX, "rmmod"), 0u);
}

TEST_F(SlabDebug, WriteAfterFreeIsFoundByTheRangeCheck) {
    auto* p = static_cast<unsigned char*>(__kmalloc(32, GFP_KERNEL));
    auto addr = reinterpret_cast<uintptr_t>(p);
    kfree(p);
    p[5] = 0;
    p[9] = 0;
    // Only objects freed from the given range are looked at.
    EXPECT_EQ(slab.check_range(1, 2, "rmmod"), 0u);
    EXPECT_EQ(slab.check_range(0, UINT64_MAX, "rmmod"), 1u);
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].zone, ksim::DamageZone::poison);
    EXPECT_EQ(seen[0].first, addr + 5);
    EXPECT_EQ(seen[0].last, addr + 9);
    EXPECT_EQ(seen[0].expected, 0x6b);
    EXPECT_NE(seen[0].object.free_ns, 0u);
    EXPECT_EQ(seen[0].body[5], 0);
    EXPECT_EQ(p[5], 0x6b); // restored
    EXPECT_EQ(slab.check_range(0, UINT64_MAX, "rmmod"), 0u);
    p[31] = 0x6b; // the last byte must stay POISON_END
    EXPECT_EQ(slab.check_range(0, UINT64_MAX, "rmmod"), 1u);
    EXPECT_EQ(seen[1].zone, ksim::DamageZone::end_poison);
    EXPECT_EQ(seen[1].expected, 0xa5);
}

TEST_F(SlabDebug, QuarantineRecyclingChecksTheObject) {
    auto* first = static_cast<unsigned char*>(__kmalloc(4096, GFP_KERNEL));
    kfree(first);
    first[100] = 1;
    // Push it out of the 8 MiB quarantine.
    for (int i = 0; i < 2200 && seen.empty(); ++i)
        kfree(__kmalloc(4096, GFP_KERNEL));
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].zone, ksim::DamageZone::poison);
    EXPECT_STREQ(seen[0].when, "quarantine");
    EXPECT_EQ(seen[0].object.address, reinterpret_cast<uintptr_t>(first));
}

TEST_F(SlabDebug, CacheObjectsUseTheCacheSize) {
    kmem_cache* c = kmem_cache_create("t_cache", 24, 0, 0, nullptr);
    auto* p = static_cast<unsigned char*>(kmem_cache_alloc(c, GFP_KERNEL));
    p[23] = 1; // the object's own
    p[24] = 1; // past it
    kmem_cache_free(c, p);
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].zone, ksim::DamageZone::right_redzone);
    EXPECT_EQ(seen[0].span, 24u);
    EXPECT_EQ(seen[0].object.cache, reinterpret_cast<const ksim::KmemCache*>(c));
    kmem_cache_free(c, p);
    kmem_cache_destroy(c);
}

TEST_F(SlabDebug, VmallocAndLargeKmallocAreNotSlabObjects) {
    auto* v = static_cast<unsigned char*>(vmalloc(64));
    v[64] = 0;
    vfree(v);
    auto* big = static_cast<unsigned char*>(__kmalloc(20000, GFP_KERNEL));
    big[20000] = 0;
    kfree(big);
    EXPECT_TRUE(seen.empty());
}
