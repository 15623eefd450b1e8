#pragma once
// Memory for module images, mapped below 2 GiB so that module code reaches
// ksim's functions (linked -no-pie, also below 2 GiB) with 32-bit
// PC-relative relocations, as Linux keeps modules within 2 GiB of the kernel
// image. Freed regions, init and core alike, are unmapped at once, so a late
// access faults (DESIGN.md), and their addresses are handed out again only
// after the bump pointer has gone through the whole area and wrapped: the
// oldest freed addresses come back first, so a stale pointer keeps
// faulting for as long as possible. Unmapping also keeps the number of host
// mappings bounded by the live modules (Linux's vm.max_map_count is 65530),
// so a kernel may load and unload modules for ever.

#include "support/error_or.h"

#include <cstdint>
#include <map>
#include <mutex>

namespace ksim {

struct MemoryRange {
    uint64_t base = 0;
    uint64_t size = 0;
    bool contains(uint64_t address) const { return address >= base && address - base < size; }
};

enum class Protection { None, Read, ReadWrite, ReadExecute };

class ModuleMemoryArea {
  public:
    static constexpr uint64_t area_start = 0x40000000;
    static constexpr uint64_t area_end = 0x7ff00000;
    static constexpr uint64_t page_size = 4096;

    ModuleMemoryArea() = default;
    ~ModuleMemoryArea();
    ModuleMemoryArea(const ModuleMemoryArea&) = delete;
    ModuleMemoryArea& operator=(const ModuleMemoryArea&) = delete;

    // Maps `size` bytes (rounded up to pages), zeroed and read-write.
    ErrorOr<MemoryRange> allocate(uint64_t size);
    // Unmaps freed init sections (free_initmem for a module).
    void retire(const MemoryRange& range);
    // Unmaps the core region of a module that is gone.
    void release(const MemoryRange& range);

    // Regions mapped now (for tests and diagnostics).
    size_t live_regions();

    static void protect(const MemoryRange& range, Protection protection);

  private:
    void unmap(const MemoryRange& range);
    // The first candidate address at or after `from` where `size` bytes do
    // not overlap a live region, or 0 when none is left below area_end.
    uint64_t next_gap_locked(uint64_t from, uint64_t size) const;

    std::mutex m_lock;
    uint64_t m_next = area_start;
    std::map<uint64_t, uint64_t> m_live; // base -> size of every mapped region
};

uint64_t page_align(uint64_t value);

} // namespace ksim
