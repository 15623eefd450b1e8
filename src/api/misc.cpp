// Misc devices (drivers/char/misc.c): char devices on major 10 whose open
// finds the driver by minor, sets file->private_data to the miscdevice and
// swaps in the driver's file_operations.
#include "api/alloc.h"
#include "api/export.h"
#include "api/registrations.h"
#include "kernel/kernel.h"
#include "vfs/kernel_calls.h"
#include "vfs/vfs.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>

extern "C" {
void cdev_init(struct cdev* cdev, const struct file_operations* fops);
int cdev_add(struct cdev* p, unsigned dev, unsigned count);
struct ksim_class* __class_create(struct module* owner, const char* name, void* key);
}

namespace {

constexpr int misc_major = 10;
constexpr int misc_dynamic_minor = 255;
constexpr int dynamic_minors = 128;

ksim::vfs::DeviceRegistry& devices() {
    return ksim::Kernel::active().vfs().devices();
}

int misc_open(struct inode* inode, struct file* file) {
    auto& reg = devices();
    unsigned minor = ksim::vfs::dev_minor(inode->i_rdev);
    const file_operations* new_fops = nullptr;
    miscdevice* found = nullptr;
    {
        std::lock_guard guard(reg.misc_lock());
        for (miscdevice* m : reg.misc_devices()) {
            if (m->minor == static_cast<int>(minor)) {
                found = m;
                new_fops = m->fops;
                break;
            }
        }
    }
    if (found == nullptr || new_fops == nullptr || !try_module_get(new_fops->owner))
        return -ENODEV;
    file->private_data = found;
    file->f_op = new_fops; // replace_fops(): misc's own fops have no owner
    if (new_fops->open)
        return new_fops->open(inode, file);
    return 0;
}

// The operations of the major-10 cdev itself: only open, which redirects.
constexpr file_operations misc_fops = [] {
    file_operations f{};
    f.open = misc_open;
    return f;
}();

// misc_init(): the "misc" class and the cdev covering major 10, on first use.
struct ksim_class* misc_class() {
    auto& reg = devices();
    if (reg.misc_class() == nullptr) {
        reg.set_misc_class(__class_create(nullptr, "misc", nullptr));
        cdev_init(&reg.misc_cdev(), &misc_fops);
        (void)cdev_add(&reg.misc_cdev(), ksim::vfs::make_dev(misc_major, 0), 256);
    }
    return reg.misc_class();
}

// misc_deregister() without touching the miscdevice.
void forget_misc(struct miscdevice* misc, int minor) {
    auto& reg = devices();
    {
        std::lock_guard guard(reg.misc_lock());
        std::erase(reg.misc_devices(), misc);
    }
    reg.destroy_device(misc_class(), ksim::vfs::make_dev(misc_major, static_cast<unsigned>(minor)));
    std::lock_guard guard(reg.misc_lock());
    int i = dynamic_minors - minor - 1;
    if (i >= 0 && i < dynamic_minors)
        reg.misc_dynamic_minors().reset(static_cast<size_t>(i));
}

} // namespace

extern "C" {

int misc_register(struct miscdevice* misc) {
    auto& reg = devices();
    struct ksim_class* cls = misc_class();
    bool dynamic = misc->minor == misc_dynamic_minor;
    {
        std::lock_guard guard(reg.misc_lock());
        if (dynamic) {
            // The lowest free bit is the highest free minor below 128.
            auto& bits = reg.misc_dynamic_minors();
            int i = 0;
            while (i < dynamic_minors && bits.test(static_cast<size_t>(i)))
                ++i;
            if (i >= dynamic_minors)
                return -EBUSY;
            misc->minor = dynamic_minors - i - 1;
            bits.set(static_cast<size_t>(i));
        } else {
            for (miscdevice* m : reg.misc_devices())
                if (m->minor == misc->minor)
                    return -EBUSY;
        }
    }
    unsigned devt = ksim::vfs::make_dev(misc_major, static_cast<unsigned>(misc->minor));
    const char* node_name = misc->nodename ? misc->nodename : misc->name;
    auto dev =
        reg.create_device(cls, misc->parent, devt, misc, node_name ? node_name : "", misc->mode);
    std::lock_guard guard(reg.misc_lock());
    if (dev.is_error()) {
        if (dynamic) {
            reg.misc_dynamic_minors().reset(static_cast<size_t>(dynamic_minors - misc->minor - 1));
            misc->minor = misc_dynamic_minor;
        }
        return -dev.error().code;
    }
    misc->this_device = dev.value();
    reg.misc_devices().insert(reg.misc_devices().begin(), misc);
    // Undoing must not read the miscdevice (module memory): keep its minor.
    int minor = misc->minor;
    ksim::api::track(reinterpret_cast<uintptr_t>(misc), "misc device",
                     fmt::format("\"{}\" (10:{})", node_name ? node_name : "", minor),
                     KSIM_CALL_SITE(), [misc, minor] { forget_misc(misc, minor); });
    return 0;
}

void misc_deregister(struct miscdevice* misc) {
    ksim::api::untrack(reinterpret_cast<uintptr_t>(misc), "misc device");
    forget_misc(misc, misc->minor);
}

} // extern "C"

EXPORT_SYMBOL_KSIM(misc_register)
EXPORT_SYMBOL_KSIM(misc_deregister)
