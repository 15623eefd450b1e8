#pragma once
// The user half of the simulated address space: the buffers a user program
// passes to read(), write() and ioctl(). They live in a region of memfd pages
// mapped twice: the "user" view, whose addresses modules receive as __user
// pointers, is always PROT_NONE, so a module that dereferences one faults as
// under SMAP; the uaccess functions reach the same bytes through a private
// read-write alias. Any address outside an allocated user buffer is "not
// mapped" for copy_*_user, which then copies short as Linux does.
//
// Thread-safe: one lock protects the page map; copies themselves run unlocked
// on the alias, as concurrent user threads would on a real process.

#include "support/error_or.h"

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <span>
#include <vector>

namespace ksim::vfs {

class UserMemory;

// A user buffer for the duration of one system call; freed (and its pages
// made unmapped again) when destroyed.
class UserBuffer {
  public:
    UserBuffer() = default;
    UserBuffer(UserMemory* owner, uint64_t address, size_t size)
        : m_owner(owner), m_address(address), m_size(size) {}
    UserBuffer(UserBuffer&& other) noexcept { *this = std::move(other); }
    UserBuffer& operator=(UserBuffer&& other) noexcept;
    ~UserBuffer();

    // The __user address the module sees.
    uint64_t address() const { return m_address; }
    size_t size() const { return m_size; }
    // The bytes, through the kernel-side alias.
    std::span<uint8_t> bytes();

  private:
    UserMemory* m_owner = nullptr;
    uint64_t m_address = 0;
    size_t m_size = 0;
};

class UserMemory {
  public:
    static constexpr size_t page_size = 4096;
    static constexpr size_t region_pages = 4096; // 16 MiB of user space

    UserMemory();
    ~UserMemory();
    UserMemory(const UserMemory&) = delete;
    UserMemory& operator=(const UserMemory&) = delete;

    // A zeroed buffer of `size` bytes placed so that it ends at a page end,
    // followed by an unmapped guard page (an overrun faults at once).
    ErrorOr<UserBuffer> allocate(size_t size);

    // True when `address` lies in the user region (mapped or not): the
    // "user address" test of access_ok and of the fault handler.
    bool in_user_range(uint64_t address) const;
    // How many bytes starting at `address` (up to `size`) are mapped user
    // memory: the part a copy can reach before it faults.
    size_t accessible(uint64_t address, size_t size) const;
    // The kernel-side alias of a user address; valid only for bytes that
    // accessible() admits.
    uint8_t* alias(uint64_t address) const;

    uint64_t base() const { return reinterpret_cast<uint64_t>(m_user_view); }
    uint64_t end() const { return base() + region_pages * page_size; }

  private:
    friend class UserBuffer;
    void map_region();
    bool in_range_locked(uint64_t address) const;
    void release(uint64_t address, size_t size);

    std::once_flag m_map_once;
    int m_fd = -1;
    uint8_t* m_user_view = nullptr;
    uint8_t* m_alias = nullptr;
    mutable std::mutex m_lock;
    std::vector<bool> m_mapped; // per page
    size_t m_next_page = 0;
};

} // namespace ksim::vfs
