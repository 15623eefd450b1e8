// Module memory below 2 GiB; see module_memory.h.
#include "kernel/module_memory.h"

#include <sys/mman.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iterator>

namespace ksim {

uint64_t page_align(uint64_t value) {
    return (value + ModuleMemoryArea::page_size - 1) & ~(ModuleMemoryArea::page_size - 1);
}

ModuleMemoryArea::~ModuleMemoryArea() {
    for (const auto& [base, size] : m_live)
        munmap(reinterpret_cast<void*>(base), size);
}

uint64_t ModuleMemoryArea::next_gap_locked(uint64_t from, uint64_t size) const {
    uint64_t candidate = from;
    // The region that starts before the candidate may still cover it.
    auto it = m_live.upper_bound(candidate);
    if (it != m_live.begin()) {
        auto prev = std::prev(it);
        if (prev->first + prev->second + page_size > candidate)
            candidate = prev->first + prev->second + page_size;
    }
    for (; candidate + size <= area_end; ++it) {
        if (it == m_live.end() || candidate + size + page_size <= it->first)
            return candidate;
        // Keep a hole of one page after each region: overruns fault.
        candidate = std::max(candidate, it->first + it->second + page_size);
    }
    return 0;
}

ErrorOr<MemoryRange> ModuleMemoryArea::allocate(uint64_t size) {
    size = page_align(std::max<uint64_t>(size, page_size));
    std::lock_guard guard(m_lock);
    // Fresh addresses first: a stale pointer into an unloaded module then
    // faults. Past the end of the area, wrap to its start once, where the
    // oldest freed regions were.
    bool wrapped = false;
    uint64_t from = m_next;
    for (;;) {
        uint64_t base = next_gap_locked(from, size);
        if (base == 0) {
            if (wrapped)
                return Error::from_errno(ENOMEM, "module area below 2 GiB is exhausted");
            wrapped = true;
            from = area_start;
            continue;
        }
        void* got = mmap(reinterpret_cast<void*>(base), size, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
        if (got == MAP_FAILED) {
            if (errno != EEXIST)
                return Error::from_errno(ENOMEM, "cannot map module memory");
            // A mapping that is not ours lives there: step over a page.
            from = base + page_size;
            continue;
        }
        m_live.emplace(base, size);
        m_next = base + size + page_size;
        return MemoryRange{base, size};
    }
}

void ModuleMemoryArea::unmap(const MemoryRange& range) {
    if (range.size == 0)
        return;
    std::lock_guard guard(m_lock);
    auto it = m_live.find(range.base);
    if (it == m_live.end())
        return;
    munmap(reinterpret_cast<void*>(it->first), it->second);
    m_live.erase(it);
}

void ModuleMemoryArea::retire(const MemoryRange& range) {
    unmap(range);
}

void ModuleMemoryArea::release(const MemoryRange& range) {
    unmap(range);
}

size_t ModuleMemoryArea::live_regions() {
    std::lock_guard guard(m_lock);
    return m_live.size();
}

void ModuleMemoryArea::protect(const MemoryRange& range, Protection protection) {
    int prot = PROT_NONE;
    switch (protection) {
    case Protection::None:
        break;
    case Protection::Read:
        prot = PROT_READ;
        break;
    case Protection::ReadWrite:
        prot = PROT_READ | PROT_WRITE;
        break;
    case Protection::ReadExecute:
        prot = PROT_READ | PROT_EXEC;
        break;
    }
    if (range.size != 0)
        mprotect(reinterpret_cast<void*>(range.base), page_align(range.size), prot);
}

} // namespace ksim
