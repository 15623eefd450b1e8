#pragma once
// The driver model as far as char-device drivers reach it
// (drivers/base/class.c, core.c, drivers/char/misc.c): classes, the devices
// device_create() makes with their devtmpfs node under /dev and their
// /sys/class/<class>/<name>/dev attribute, and the misc device list.
// Lock: its own mutex; taken before the Tree's lock, never while module code
// runs.

#include "support/error_or.h"
#include "vfs/fs_abi.h"

#include <bitset>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace ksim::vfs {

class Vfs;

class DeviceRegistry {
  public:
    explicit DeviceRegistry(Vfs& vfs);

    // class_register(): /sys/class/<name>; -EEXIST for a taken name.
    ErrorOr<void> add_class(struct ksim_class* cls);
    // class_destroy(): its remaining devices go too.
    void remove_class(struct ksim_class* cls);
    // Classes ksim allocates (__class_create), owned here.
    struct ksim_class* alloc_class();
    void free_class(struct ksim_class* cls);

    // device_create(): owned here until destroy_device().
    ErrorOr<struct device*> create_device(struct ksim_class* cls, struct device* parent,
                                          unsigned devt, void* drvdata, const std::string& name,
                                          unsigned short mode);
    // device_destroy(): the first device of `cls` with `devt`.
    void destroy_device(struct ksim_class* cls, unsigned devt);
    void destroy_device(struct device* dev);

    // drivers/char/misc.c: the dynamic minor bitmap (bit i is minor 127-i)
    // and the registered misc devices.
    std::mutex& misc_lock() { return m_misc_lock; }
    std::bitset<128>& misc_dynamic_minors() { return m_misc_minors; }
    std::vector<miscdevice*>& misc_devices() { return m_misc; }
    // The "misc" class and the cdev on major 10, set up on first use.
    struct ksim_class* misc_class() {
        return m_misc_class;
    }
    void set_misc_class(struct ksim_class* cls) { m_misc_class = cls; }
    struct cdev& misc_cdev() {
        return m_misc_cdev;
    }

  private:
    void remove_nodes_locked(struct device& dev);

    Vfs& m_vfs;
    std::recursive_mutex m_lock;
    std::vector<std::unique_ptr<struct ksim_class>> m_owned_classes;
    std::vector<struct ksim_class*> m_classes;
    std::vector<std::unique_ptr<struct device>> m_devices;

    std::mutex m_misc_lock;
    std::bitset<128> m_misc_minors;
    std::vector<miscdevice*> m_misc;
    struct ksim_class* m_misc_class = nullptr;
    struct cdev m_misc_cdev {};
};

} // namespace ksim::vfs
