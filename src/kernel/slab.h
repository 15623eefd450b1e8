#pragma once
// The memory allocator behind kmalloc, kmem_cache_*, vmalloc and the page
// allocator (mm/slab_common.c, mm/slub.c, mm/vmalloc.c, mm/page_alloc.c).
// Every object lives in its own host malloc'd block with red zones on both
// sides and a bookkeeping record (size, size class, gfp, kind, call site), so
// the checks layer can find leaks, overflows and double frees.
//
// Block layout (lead = max(16, alignment)):
//   [ lead bytes, the last 16 are the front red zone 0xcc ]
//   [ object: `size` bytes the caller asked for          ]
//   [ tail red zone 0xcc up to the size class + 16 bytes ]
// A freed object is poisoned as SLUB poisons it (0x6b, the last byte 0xa5),
// its red zones turn inactive (0xbb), and it is kept in a bounded quarantine
// so a second kfree of it is recognised as a double free, and a write into it
// is seen when it leaves the quarantine (check_object() in mm/slub.c).
//
// Thread-safe: one mutex guards all records (a leaf lock; callbacks such as
// the bad-free handler and should_fail are called with it released).

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace ksim {

class Kernel;

enum class AllocKind { kmalloc, cache, vmalloc, pages };
const char* alloc_kind_name(AllocKind kind);

class KmemCache;

// What an allocation request looks like to the failure hook.
struct AllocationSite {
    uint64_t call_site = 0;    // __builtin_return_address(0) of the exported function
    const char* function = ""; // exported function name ("__kmalloc")
    size_t size = 0;
    unsigned gfp = 0;
    AllocKind kind = AllocKind::kmalloc;
};

// One live (or quarantined) object.
struct Allocation {
    uintptr_t address = 0; // what the module got
    size_t size = 0;       // bytes requested
    size_t size_class = 0; // ksize(): what the allocator really reserved
    unsigned gfp = 0;
    AllocKind kind = AllocKind::kmalloc;
    uint64_t call_site = 0;
    const KmemCache* cache = nullptr; // for AllocKind::cache
    uint64_t serial = 0;              // allocation order, 1-based
    bool ksize_called = false;        // the caller may use the whole size class
    uint64_t free_site = 0;           // set once freed (quarantine)
    int pid = 0;                      // the task that allocated it
    std::string comm;
    int free_pid = 0;
    uint64_t alloc_ns = 0, free_ns = 0; // host steady clock, for SLUB's "age="
    // SLUB refused to free it (damaged red zone: "Object at ... not freed"):
    // it stays allocated but is nobody's leak any more.
    bool abandoned = false;
    bool poisoned = false; // freed and filled with poison (not kfree_sensitive)
};

// What check_object() (mm/slub.c) found wrong with an object: the first
// damaged zone, as check_bytes_and_report() reports it. The bytes are a
// snapshot from before the allocator restored the zone.
enum class DamageZone { left_redzone, right_redzone, kmalloc_redzone, poison, end_poison };
const char* damage_zone_name(DamageZone zone); // "Right Redzone", "Poison", ...

struct SlabDamage {
    DamageZone zone = DamageZone::right_redzone;
    Allocation object;     // free_site != 0: a freed (quarantined) object
    const char* when = ""; // "kfree", "krealloc", "rmmod", "quarantine"
    uintptr_t first = 0;   // the damaged run [first, last]
    uintptr_t last = 0;
    uint8_t found = 0; // the first damaged byte
    uint8_t expected = 0;
    uint8_t fill = 0;                       // what the zone is restored to
    uintptr_t block = 0;                    // start of the host block ("@offset=")
    size_t span = 0;                        // SLUB's object_size: the class, or the cache's size
    std::vector<uint8_t> left, body, right; // left red zone, object, right red zone
    unsigned slab_objects = 0, slab_used = 0;
    uintptr_t slab_free = 0; // the most recently freed object of its cache
    bool not_freed = false;  // found by kfree: SLUB keeps the object
};

// A kfree()/vfree()/kmem_cache_free() the allocator refused.
enum class FreeStatus { freed, ignored_null, invalid, double_free, kind_mismatch, wrong_cache };

struct BadFree {
    FreeStatus status = FreeStatus::invalid;
    uintptr_t address = 0;
    uint64_t call_site = 0;
    const char* function = "";
    std::optional<Allocation> previous; // the record, when one is known
};

// A kmem_cache (struct kmem_cache is opaque to modules; they hold a pointer
// to this object).
class KmemCache {
  public:
    std::string name;
    unsigned object_size = 0; // what the module asked for
    unsigned size = 0;        // slot size, what ksize() reports
    unsigned align = 0;
    unsigned flags = 0;
    unsigned useroffset = 0;
    unsigned usersize = 0;
    void (*ctor)(void*) = nullptr;
    uint64_t create_site = 0;
};

class SlabAllocator {
  public:
    static constexpr size_t redzone_size = 16;
    static constexpr uint8_t redzone_byte = 0xcc;     // SLUB_RED_ACTIVE
    static constexpr uint8_t redzone_inactive = 0xbb; // SLUB_RED_INACTIVE
    static constexpr uint8_t poison_free = 0x6b;      // POISON_FREE
    static constexpr uint8_t poison_end = 0xa5;       // POISON_END
    // Objects above this come from the page allocator in SLUB (kmalloc_large),
    // which has no red zones to check.
    static constexpr size_t debug_max_class = 8192;
    static constexpr size_t page_size = 4096;
    static constexpr size_t quarantine_bytes = 8 << 20;

    explicit SlabAllocator(Kernel& kernel);
    ~SlabAllocator();
    SlabAllocator(const SlabAllocator&) = delete;
    SlabAllocator& operator=(const SlabAllocator&) = delete;

    // The kmalloc size class of `size` (what ksize() reports): 8, 16, 32, 64,
    // 96, 128, 192, 256, 512, ... up to 8 KiB; page multiples of powers of
    // two above that, as SLUB's kmalloc_large.
    static size_t kmalloc_size_class(size_t size);

    // Allocates; nullptr when the failure hook or --fail-nth says so, or the
    // host is out of memory. `align` must be a power of two. Zeroes when gfp
    // has __GFP_ZERO. Never called with size 0 for kmalloc (ZERO_SIZE_PTR is
    // the api layer's business).
    void* allocate(const AllocationSite& site, size_t size_class, size_t align,
                   const KmemCache* cache = nullptr);

    // Releases `ptr`, checking that it is a live object of `kind` (and of
    // `cache` when given). On a bad free nothing is released and the
    // bad-free handler is told.
    FreeStatus release(const void* ptr, AllocKind kind, uint64_t call_site, const char* function,
                       const KmemCache* cache = nullptr, bool sensitive = false);

    // The live object starting at or containing `address`.
    std::optional<Allocation> find(uintptr_t address) const;
    // The quarantined (freed) object containing `address`.
    std::optional<Allocation> find_freed(uintptr_t address) const;
    // krealloc() within the size class: the object stays where it is and
    // its recorded size (and tail red zone) follow the new size. False when
    // `address` is not a live object or new_size exceeds its class.
    bool resize_in_place(uintptr_t address, size_t new_size);
    // Marks that ksize() was asked for this object.
    void note_ksize(uintptr_t address);

    // All live objects, in allocation order.
    std::vector<Allocation> live() const;
    // Live objects allocated from code in [begin, end): a module's text.
    std::vector<Allocation> live_from(uint64_t begin, uint64_t end) const;
    size_t live_count() const;

    // Offsets of red-zone bytes that no longer hold redzone_byte, relative
    // to the object start (negative: before it). Empty when intact.
    std::vector<long> damaged_redzone(const Allocation& a) const;

    // SLUB debug's check_object() for one live object (krealloc) or for the
    // live objects allocated, and the quarantined objects freed, by code in
    // [begin, end) (a module's text, at rmmod). Damage is reported through
    // the damage handler and the zone restored. Returns the objects found
    // damaged.
    size_t check_live(uintptr_t address, const char* when);
    size_t check_range(uint64_t begin, uint64_t end, const char* when);
    // Where the checks layer reports damage; called without the lock.
    void set_damage_handler(std::function<void(const SlabDamage&)> handler);
    uint64_t damage_count() const { return m_damaged; }

    // Fault injection beyond --fail-nth: when set, called for every failable
    // request (after Kernel::faults() has been consulted); returning true
    // makes the request fail. Called without the allocator's lock held.
    void set_should_fail(std::function<bool(const AllocationSite&)> hook);
    // Failable requests seen (counted for every request, module or not).
    uint64_t failable_calls() const { return m_failable_calls; }
    // Decides whether a failable call fails: Kernel::faults(), then the hook.
    // Also used by non-allocating failable functions (kstrdup etc. go
    // through allocate(), so normally nobody else needs it).
    bool should_fail(const AllocationSite& site);

    // Where the checks layer reports bad frees (double free, invalid free).
    // Without a handler bad frees are only counted.
    void set_bad_free_handler(std::function<void(const BadFree&)> handler);
    uint64_t bad_free_count() const { return m_bad_frees; }

    // kmem_cache objects; the allocator owns them.
    KmemCache* create_cache(KmemCache desc);
    // Destroys the cache; returns the number of its objects still live (they
    // stay allocated and are reported as leaks by whoever looks).
    size_t destroy_cache(KmemCache* cache);
    bool is_cache(const void* p) const;

  private:
    struct Block {
        Allocation info;
        size_t lead = 0;      // bytes from block start to the object
        size_t total = 0;     // bytes of the host block
        void* base = nullptr; // host allocation
    };
    void free_block(Block& b);
    void report_bad_free(const BadFree& bad);
    // check_object(): the first damaged zone of `b` (red zones `active` or
    // inactive, poison when freed), restored; nullopt when intact.
    std::optional<SlabDamage> check_block_locked(Block& b, const char* when);
    void report_damage(std::vector<SlabDamage>& found);
    SlabDamage damage_locked(Block& b, DamageZone zone, uint8_t* fault, uint8_t* stop,
                             uint8_t value, const char* when);
    void poison_locked(Block& b, uint64_t call_site, bool sensitive);
    void evict_locked(std::vector<SlabDamage>& found);

    Kernel& m_kernel;
    mutable std::mutex m_lock;
    std::map<uintptr_t, Block> m_live;  // keyed by object address
    std::map<uintptr_t, Block> m_freed; // quarantine, same key
    // Oldest first; m_freed entries leave only through the front of it.
    std::deque<std::map<uintptr_t, Block>::iterator> m_quarantine_order;
    size_t m_quarantine_used = 0;
    uint64_t m_serial = 0;
    std::vector<std::unique_ptr<KmemCache>> m_caches;
    std::function<bool(const AllocationSite&)> m_should_fail;
    std::function<void(const BadFree&)> m_bad_free_handler;
    std::function<void(const SlabDamage&)> m_damage_handler;
    std::atomic<uint64_t> m_damaged{0};
    std::atomic<uint64_t> m_failable_calls{0};
    std::atomic<uint64_t> m_bad_frees{0};
};

} // namespace ksim
