// Classes, class devices and their /dev and /sys/class nodes (see
// device_registry.h).
#include "vfs/device_registry.h"

#include "vfs/chrdev_table.h"
#include "vfs/vfs.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace ksim::vfs {

DeviceRegistry::DeviceRegistry(Vfs& vfs) : m_vfs(vfs) {
    // Minors 127..125 belong to the reference guest's built-in misc devices,
    // so the first dynamic minor a module gets is 124, as there.
    for (size_t bit = 0; bit < 3; ++bit)
        m_misc_minors.set(bit);
}

ErrorOr<void> DeviceRegistry::add_class(struct ksim_class* cls) {
    std::lock_guard guard(m_lock);
    std::string dir = fmt::format("/sys/class/{}", cls->name ? cls->name : "");
    KSIM_TRY(m_vfs.tree().create(dir, NodeKind::Directory, 0755));
    m_classes.push_back(cls);
    return {};
}

void DeviceRegistry::remove_class(struct ksim_class* cls) {
    std::lock_guard guard(m_lock);
    std::vector<struct device*> doomed;
    for (auto& d : m_devices)
        if (d->dev_class == cls)
            doomed.push_back(d.get());
    for (auto* d : doomed)
        destroy_device(d);
    (void)m_vfs.tree().remove(fmt::format("/sys/class/{}", cls->name ? cls->name : ""), true);
    std::erase(m_classes, cls);
}

struct ksim_class* DeviceRegistry::alloc_class() {
    std::lock_guard guard(m_lock);
    auto cls = std::make_unique<struct ksim_class>();
    std::memset(cls.get(), 0, sizeof(struct ksim_class));
    m_owned_classes.push_back(std::move(cls));
    return m_owned_classes.back().get();
}

void DeviceRegistry::free_class(struct ksim_class* cls) {
    std::lock_guard guard(m_lock);
    std::erase_if(m_owned_classes, [&](auto& p) { return p.get() == cls; });
}

ErrorOr<struct device*> DeviceRegistry::create_device(struct ksim_class* cls, struct device* parent,
                                                      unsigned devt, void* drvdata,
                                                      const std::string& name,
                                                      unsigned short mode) {
    std::lock_guard guard(m_lock);
    std::string cls_dir = fmt::format("/sys/class/{}", cls && cls->name ? cls->name : "");
    std::string dev_dir = cls_dir + "/" + name;
    // drivers/base/core.c device_add(): a duplicate name fails with -EEXIST
    // (sysfs: cannot create duplicate filename).
    auto dir = KSIM_TRY(m_vfs.tree().create(dev_dir, NodeKind::Directory, 0755));
    auto dev = std::make_unique<struct device>();
    std::memset(dev.get(), 0, sizeof(struct device));
    dev->parent = parent;
    dev->devt = devt;
    dev->driver_data = drvdata;
    dev->dev_class = cls;
    std::strncpy(dev->ksim_name, name.c_str(), sizeof dev->ksim_name - 1);
    if (devt != 0) {
        auto attr = m_vfs.tree().create(dev_dir + "/dev", NodeKind::File, 0444);
        if (!attr.is_error()) {
            attr.value()->inode().i_size = 4096; // a sysfs attribute: one page
            // drivers/base/core.c dev_show(): print_dev_t, "MAJ:MIN\n".
            attr.value()->callbacks.show = [devt]() -> ErrorOr<std::string> {
                return fmt::format("{}:{}\n", dev_major(devt), dev_minor(devt));
            };
        }
        // devtmpfs: the node, root-owned, 0600 unless the class says otherwise.
        auto node = m_vfs.tree().create("/dev/" + name, NodeKind::CharDevice, mode ? mode : 0600);
        if (!node.is_error())
            node.value()->inode().i_rdev = devt;
    }
    (void)dir;
    m_devices.push_back(std::move(dev));
    return m_devices.back().get();
}

void DeviceRegistry::remove_nodes_locked(struct device& dev) {
    std::string cls_dir = fmt::format(
        "/sys/class/{}", dev.dev_class && dev.dev_class->name ? dev.dev_class->name : "");
    (void)m_vfs.tree().remove(cls_dir + "/" + dev.ksim_name, true);
    if (dev.devt != 0) {
        auto node = m_vfs.tree().lookup(std::string("/dev/") + dev.ksim_name);
        if (!node.is_error() && node.value()->inode().i_rdev == dev.devt)
            m_vfs.tree().remove_node(*node.value());
    }
}

void DeviceRegistry::destroy_device(struct ksim_class* cls, unsigned devt) {
    std::lock_guard guard(m_lock);
    for (auto& d : m_devices) {
        if (d->dev_class == cls && d->devt == devt) {
            destroy_device(d.get());
            return;
        }
    }
}

void DeviceRegistry::destroy_device(struct device* dev) {
    std::lock_guard guard(m_lock);
    remove_nodes_locked(*dev);
    std::erase_if(m_devices, [&](auto& p) { return p.get() == dev; });
}

} // namespace ksim::vfs
