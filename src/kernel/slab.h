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
// A freed object is poisoned with 0x6b and kept in a bounded quarantine so a
// second kfree of it is recognised as a double free, not an invalid free.
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
    static constexpr uint8_t redzone_byte = 0xcc; // SLUB_RED_ACTIVE
    static constexpr uint8_t poison_free = 0x6b;  // POISON_FREE
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

    Kernel& m_kernel;
    mutable std::mutex m_lock;
    std::map<uintptr_t, Block> m_live;  // keyed by object address
    std::map<uintptr_t, Block> m_freed; // quarantine, same key
    std::deque<uintptr_t> m_quarantine_order;
    size_t m_quarantine_used = 0;
    uint64_t m_serial = 0;
    std::vector<std::unique_ptr<KmemCache>> m_caches;
    std::function<bool(const AllocationSite&)> m_should_fail;
    std::function<void(const BadFree&)> m_bad_free_handler;
    std::atomic<uint64_t> m_failable_calls{0};
    std::atomic<uint64_t> m_bad_frees{0};
};

} // namespace ksim
