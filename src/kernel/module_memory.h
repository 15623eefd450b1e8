#pragma once
// Memory for module images, mapped below 2 GiB so that module code reaches
// ksim's functions (linked -no-pie, also below 2 GiB) with 32-bit
// PC-relative relocations, as Linux keeps modules within 2 GiB of the kernel
// image. Freed init regions are made inaccessible and their addresses are
// never handed out again (DESIGN.md: a late access must fault); freed core
// regions are made inaccessible too and only reused once the area is full.

#include "support/error_or.h"

#include <cstdint>
#include <mutex>
#include <vector>

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
    // Makes the range inaccessible for good (freed init sections).
    void retire(const MemoryRange& range);
    // Releases a core region; its addresses may be reused later.
    void release(const MemoryRange& range);

    static void protect(const MemoryRange& range, Protection protection);

  private:
    std::mutex m_lock;
    uint64_t m_next = area_start;
    std::vector<MemoryRange> m_mapped; // everything mapped, to unmap at the end
    std::vector<MemoryRange> m_reusable; // released core regions
};

uint64_t page_align(uint64_t value);

} // namespace ksim
