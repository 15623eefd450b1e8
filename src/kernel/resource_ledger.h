#pragma once
// Registrations modules make and must undo (chrdev regions, cdevs, misc
// devices, classes and their devices, /proc, sysfs and debugfs entries):
// each exported register function records who registered what, the matching
// unregister function forgets it. At rmmod (or a failed init) whatever the
// module's code registered and left behind is a leak: Linux would Oops later
// when someone touches it (cat /proc/devices reads the freed name, opening
// the node calls freed fops); ksim reports it and undoes the registration.
// Lock: its own mutex, a leaf; `undo` runs with it released.

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace ksim {

struct Registration {
    std::string kind;           // "chrdev region", "cdev", "/proc entry", ...
    std::string what;           // `240:0-0 "name"`, "/proc/hello", ...
    uint64_t call_site = 0;     // the module's call of the register function
    std::function<void()> undo; // what the module's unregister call would do
    // Tree nodes (/proc, sysfs, debugfs): their path, and whether they are
    // still there (removing a directory removes its children unannounced).
    std::string path;
    std::function<bool()> alive;
    uint64_t group = 0; // e.g. the class of a device
    uint64_t serial = 0;
};

class ResourceLedger {
  public:
    // `key` identifies the registration for forget(): the object's address,
    // or a number the kind makes up (a dev_t); kinds keep keys apart.
    void record(const void* key, Registration r) {
        record(reinterpret_cast<uintptr_t>(key), std::move(r));
    }
    void record(uint64_t key, Registration r) {
        std::lock_guard guard(m_lock);
        r.serial = ++m_serial;
        m_entries.push_back({key, std::move(r)});
    }
    void forget(const void* key, const char* kind) {
        forget(reinterpret_cast<uintptr_t>(key), kind);
    }
    void forget(uint64_t key, const char* kind) {
        std::lock_guard guard(m_lock);
        std::erase_if(m_entries,
                      [&](const Entry& e) { return e.key == key && e.reg.kind == kind; });
    }
    void forget_group(uint64_t group, const char* kind) {
        std::lock_guard guard(m_lock);
        std::erase_if(m_entries,
                      [&](const Entry& e) { return e.reg.group == group && e.reg.kind == kind; });
    }
    // Removes and returns, in registration order, what code in [begin, end)
    // registered.
    std::vector<Registration> take_from(uint64_t begin, uint64_t end) {
        std::vector<Registration> out;
        std::lock_guard guard(m_lock);
        std::erase_if(m_entries, [&](Entry& e) {
            if (e.reg.call_site < begin || e.reg.call_site >= end)
                return false;
            out.push_back(std::move(e.reg));
            return true;
        });
        return out;
    }
    size_t size() const {
        std::lock_guard guard(m_lock);
        return m_entries.size();
    }

  private:
    struct Entry {
        uint64_t key;
        Registration reg;
    };
    mutable std::mutex m_lock;
    std::vector<Entry> m_entries;
    uint64_t m_serial = 0;
};

} // namespace ksim
