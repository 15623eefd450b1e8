// Device attributes and device messages (drivers/base/core.c
// device_create_file(), device_remove_file(), dev_driver_string(),
// __dev_printk()). A device's attributes are files in its directory,
// /sys/class/<class>/<device>/, whose reads and writes call the driver's
// show/store with a page-sized, page-aligned buffer as sysfs does.
#include "api/export.h"
#include "api/vsprintf.h"
#include "check/guarded_call.h"
#include "kernel/kernel.h"
#include "vfs/vfs.h"

#include <fmt/format.h>

#include <cstdarg>
#include <cstdlib>
#include <cstring>
#include <memory>

extern "C" const char* dev_driver_string(const struct device* dev);

namespace {

constexpr size_t page_size = 4096;

struct PageDeleter {
    void operator()(char* p) const { std::free(p); }
};
using Page = std::unique_ptr<char, PageDeleter>;

Page zeroed_page() {
    Page page(static_cast<char*>(std::aligned_alloc(page_size, page_size)));
    std::memset(page.get(), 0, page_size);
    return page;
}

// Runs a show/store in module context; the task dying there is -EFAULT.
long guarded(const std::function<long()>& body) {
    long r = -EFAULT;
    auto g = ksim::run_guarded(ksim::Kernel::active(), [&] { r = body(); });
    return g.completed ? r : -EFAULT;
}

const char* dev_name_of(const struct device* dev) {
    return dev->init_name ? dev->init_name : dev->ksim_name;
}

std::string device_dir(const struct device* dev) {
    const char* cls = dev->dev_class && dev->dev_class->name ? dev->dev_class->name : "";
    return fmt::format("/sys/class/{}/{}", cls, dev_name_of(dev));
}

// __dev_printk(): "<driver> <device>: message" at the given level.
void dev_vprintk(const char* level, const struct device* dev, const char* fmt, va_list args) {
    std::string text = ksim::api::kvformat(fmt, args);
    std::string lvl = level ? level : "";
    if (dev == nullptr) {
        ksim::Kernel::active().log().printk(lvl + "(NULL device *): " + text);
        return;
    }
    const char* name = dev->init_name ? dev->init_name : dev->ksim_name;
    ksim::Kernel::active().log().printk(
        fmt::format("{}{} {}: {}", lvl, dev_driver_string(dev), name, text));
}

} // namespace

extern "C" {

// No bus or driver model here: a class device's string is its class name.
const char* dev_driver_string(const struct device* dev) {
    return dev->dev_class && dev->dev_class->name ? dev->dev_class->name : "";
}

int device_create_file(struct device* dev, const struct device_attribute* attr) {
    if (dev == nullptr)
        return -EINVAL;
    ksim::Kernel& kernel = ksim::Kernel::active();
    // device_create_file(): a mode the methods cannot serve is a WARN.
    if ((attr->attr.mode & 0222) && attr->store == nullptr)
        kernel.log().emit(
            4, fmt::format("Attribute {}: write permission without 'store'", attr->attr.name));
    if ((attr->attr.mode & 0444) && attr->show == nullptr)
        kernel.log().emit(
            4, fmt::format("Attribute {}: read permission without 'show'", attr->attr.name));
    std::string path = device_dir(dev) + "/" + attr->attr.name;
    auto node = kernel.vfs().tree().create(path, ksim::vfs::NodeKind::File, attr->attr.mode);
    if (node.is_error()) {
        // sysfs_warn_dup() names the device's real directory, which for a
        // class device without a parent is under /devices/virtual (the
        // dump_stack() that follows is not reproduced).
        if (node.error().code == EEXIST) {
            const char* cls = dev->dev_class && dev->dev_class->name ? dev->dev_class->name : "";
            kernel.log().emit(4, fmt::format("sysfs: cannot create duplicate filename "
                                             "'/devices/virtual/{}/{}/{}'",
                                             cls, dev_name_of(dev), attr->attr.name));
        }
        return -node.error().code;
    }
    // sysfs_add_file_mode_ns(): a regular attribute's size is a page.
    node.value()->inode().i_size = page_size;
    auto* a = const_cast<struct device_attribute*>(attr);
    // fs/sysfs/file.c: readable only with show and a read bit, writable
    // likewise; show fills one page, store gets at most a page.
    if (a->show && (attr->attr.mode & 0444)) {
        node.value()->callbacks.show = [dev, a]() -> ksim::ErrorOr<std::string> {
            Page page = zeroed_page();
            long n = guarded([&] { return a->show(dev, a, page.get()); });
            if (n < 0)
                return ksim::Error::from_errno(static_cast<int>(-n), {});
            // sysfs_kf_seq_show(): a show returning more than a page is
            // cut there (with a warning in Linux).
            return std::string(page.get(), std::min<size_t>(static_cast<size_t>(n), page_size));
        };
    }
    if (a->store && (attr->attr.mode & 0222)) {
        node.value()->callbacks.store = [dev, a](std::string_view data) -> ksim::ErrorOr<size_t> {
            Page page = zeroed_page();
            std::memcpy(page.get(), data.data(), data.size());
            long n = guarded([&] { return a->store(dev, a, page.get(), data.size()); });
            if (n < 0)
                return ksim::Error::from_errno(static_cast<int>(-n), {});
            return static_cast<size_t>(n);
        };
    }
    return 0;
}

void device_remove_file(struct device* dev, const struct device_attribute* attr) {
    if (dev == nullptr)
        return;
    (void)ksim::Kernel::active().vfs().tree().remove(device_dir(dev) + "/" + attr->attr.name,
                                                     false);
}

void _dev_printk(const char* level, const struct device* dev, const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    dev_vprintk(level, dev, fmt, args);
    va_end(args);
}

#define KSIM_DEV_LEVEL(fn, level)                                                                  \
    void fn(const struct device* dev, const char* fmt, ...) {                                      \
        va_list args;                                                                              \
        va_start(args, fmt);                                                                       \
        dev_vprintk(level, dev, fmt, args);                                                        \
        va_end(args);                                                                              \
    }
KSIM_DEV_LEVEL(_dev_emerg, "\0010")
KSIM_DEV_LEVEL(_dev_alert, "\0011")
KSIM_DEV_LEVEL(_dev_crit, "\0012")
KSIM_DEV_LEVEL(_dev_err, "\0013")
KSIM_DEV_LEVEL(_dev_warn, "\0014")
KSIM_DEV_LEVEL(_dev_notice, "\0015")
KSIM_DEV_LEVEL(_dev_info, "\0016")
#undef KSIM_DEV_LEVEL

} // extern "C"

EXPORT_SYMBOL_KSIM(dev_driver_string)
EXPORT_SYMBOL_KSIM(device_create_file)
EXPORT_SYMBOL_KSIM(device_remove_file)
EXPORT_SYMBOL_KSIM(_dev_printk)
EXPORT_SYMBOL_KSIM(_dev_emerg)
EXPORT_SYMBOL_KSIM(_dev_alert)
EXPORT_SYMBOL_KSIM(_dev_crit)
EXPORT_SYMBOL_KSIM(_dev_err)
EXPORT_SYMBOL_KSIM(_dev_warn)
EXPORT_SYMBOL_KSIM(_dev_notice)
EXPORT_SYMBOL_KSIM(_dev_info)
