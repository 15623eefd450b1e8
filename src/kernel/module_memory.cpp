// Module memory below 2 GiB; see module_memory.h.
#include "kernel/module_memory.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstring>

namespace ksim {

uint64_t page_align(uint64_t value) {
    return (value + ModuleMemoryArea::page_size - 1) & ~(ModuleMemoryArea::page_size - 1);
}

ModuleMemoryArea::~ModuleMemoryArea() {
    for (const auto& range : m_mapped)
        munmap(reinterpret_cast<void*>(range.base), range.size);
}

ErrorOr<MemoryRange> ModuleMemoryArea::allocate(uint64_t size) {
    size = page_align(std::max<uint64_t>(size, page_size));
    std::lock_guard guard(m_lock);
    // Prefer the bump pointer: fresh addresses catch stale pointers into
    // unloaded modules. Reuse released core regions only when the area is full.
    while (m_next + size <= area_end) {
        void* want = reinterpret_cast<void*>(m_next);
        void* got = mmap(want, size, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
        if (got == MAP_FAILED) {
            // Something else lives there (another mapping): skip past it.
            m_next += size;
            continue;
        }
        MemoryRange range{m_next, size};
        m_next += size + page_size; // a hole between regions: overruns fault
        m_mapped.push_back(range);
        return range;
    }
    for (auto it = m_reusable.begin(); it != m_reusable.end(); ++it) {
        if (it->size < size)
            continue;
        MemoryRange range{it->base, size};
        m_reusable.erase(it);
        void* p = reinterpret_cast<void*>(range.base);
        mprotect(p, range.size, PROT_READ | PROT_WRITE);
        std::memset(p, 0, range.size);
        return range;
    }
    return Error::from_errno(ENOMEM, "module area below 2 GiB is exhausted");
}

void ModuleMemoryArea::retire(const MemoryRange& range) {
    if (range.size != 0)
        protect(range, Protection::None);
}

void ModuleMemoryArea::release(const MemoryRange& range) {
    if (range.size == 0)
        return;
    protect(range, Protection::None);
    std::lock_guard guard(m_lock);
    m_reusable.push_back(range);
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
