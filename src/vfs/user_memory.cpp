// The user address region: a memfd mapped twice, PROT_NONE for modules and
// read-write for ksim's uaccess code (see user_memory.h).
#include "vfs/user_memory.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstring>

namespace ksim::vfs {

UserBuffer& UserBuffer::operator=(UserBuffer&& other) noexcept {
    if (this != &other) {
        if (m_owner != nullptr)
            m_owner->release(m_address, m_size);
        m_owner = std::exchange(other.m_owner, nullptr);
        m_address = std::exchange(other.m_address, 0);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

UserBuffer::~UserBuffer() {
    if (m_owner != nullptr)
        m_owner->release(m_address, m_size);
}

std::span<uint8_t> UserBuffer::bytes() {
    if (m_owner == nullptr)
        return {};
    return {m_owner->alias(m_address), m_size};
}

UserMemory::UserMemory() = default;

// The region is mapped on first use, so kernels that never do file I/O (the
// loader's fuzz target makes thousands) pay nothing for it.
void UserMemory::map_region() {
    std::lock_guard guard(m_lock);
    m_mapped.assign(region_pages, false);
    size_t bytes = region_pages * page_size;
    m_fd = memfd_create("ksim-user", MFD_CLOEXEC);
    if (m_fd < 0 || ftruncate(m_fd, static_cast<off_t>(bytes)) != 0)
        return;
    // The user view sits above the low 2 GiB where module memory lives, so a
    // user pointer can never alias a module object.
    void* user = mmap(nullptr, bytes, PROT_NONE, MAP_SHARED, m_fd, 0);
    void* alias = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, m_fd, 0);
    if (user != MAP_FAILED)
        m_user_view = static_cast<uint8_t*>(user);
    if (alias != MAP_FAILED)
        m_alias = static_cast<uint8_t*>(alias);
}

UserMemory::~UserMemory() {
    size_t bytes = region_pages * page_size;
    if (m_user_view != nullptr)
        munmap(m_user_view, bytes);
    if (m_alias != nullptr)
        munmap(m_alias, bytes);
    if (m_fd >= 0)
        close(m_fd);
}

ErrorOr<UserBuffer> UserMemory::allocate(size_t size) {
    std::call_once(m_map_once, [this] { map_region(); });
    if (m_user_view == nullptr || m_alias == nullptr)
        return Error::from_errno(ENOMEM, "user memory region unavailable");
    size_t pages = (size + page_size - 1) / page_size;
    if (pages == 0)
        pages = 1;
    std::lock_guard guard(m_lock);
    // First fit from a rotating cursor, leaving one unmapped guard page
    // after every buffer (and before it, since the previous one left its own).
    for (size_t tries = 0; tries < 2; ++tries) {
        for (size_t start = m_next_page; start + pages + 1 <= region_pages; ++start) {
            bool free = start == 0 || !m_mapped[start - 1];
            for (size_t p = start; p < start + pages + 1 && free; ++p)
                free = !m_mapped[p];
            if (!free)
                continue;
            for (size_t p = start; p < start + pages; ++p)
                m_mapped[p] = true;
            m_next_page = start + pages + 1;
            uint64_t end = base() + (start + pages) * page_size;
            uint64_t address = end - size;
            std::memset(m_alias + (start * page_size), 0, pages * page_size);
            return UserBuffer(this, address, size);
        }
        m_next_page = 0;
    }
    return Error::from_errno(ENOMEM, "user memory region full");
}

void UserMemory::release(uint64_t address, size_t size) {
    std::lock_guard guard(m_lock);
    size_t first = (address - base()) / page_size;
    size_t last = (address + (size == 0 ? 1 : size) - 1 - base()) / page_size;
    for (size_t p = first; p <= last && p < region_pages; ++p)
        m_mapped[p] = false;
}

bool UserMemory::in_user_range(uint64_t address) const {
    std::lock_guard guard(m_lock);
    return in_range_locked(address);
}

bool UserMemory::in_range_locked(uint64_t address) const {
    return m_user_view != nullptr && address >= base() && address < end();
}

size_t UserMemory::accessible(uint64_t address, size_t size) const {
    std::lock_guard guard(m_lock);
    size_t done = 0;
    while (done < size) {
        uint64_t at = address + done;
        if (!in_range_locked(at) || !m_mapped[(at - base()) / page_size])
            break;
        size_t page_left = page_size - (at % page_size);
        done += std::min(page_left, size - done);
    }
    return done;
}

uint8_t* UserMemory::alias(uint64_t address) const {
    return m_alias + (address - base());
}

} // namespace ksim::vfs
