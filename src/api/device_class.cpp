// Classes and class devices as char drivers use them (drivers/base/class.c
// __class_create/class_destroy, drivers/base/core.c device_create/
// device_destroy): a node under /dev and /sys/class/<class>/<name>/dev.
#include "api/alloc.h"
#include "api/export.h"
#include "api/registrations.h"
#include "api/vsprintf.h"
#include "kernel/kernel.h"
#include "vfs/vfs.h"

#include <fmt/format.h>

#include <cstdarg>

namespace {
constexpr const char* kClass = "class";
constexpr const char* kDevice = "device";
// device_destroy() names a device by class and dev_t.
uint64_t device_key(const void* cls, unsigned devt) {
    return reinterpret_cast<uintptr_t>(cls) * 31 + devt;
}
ksim::vfs::DeviceRegistry& devices() {
    return ksim::Kernel::active().vfs().devices();
}
void* err_ptr(long error) {
    return reinterpret_cast<void*>(error);
}
bool is_err(const void* p) {
    return reinterpret_cast<unsigned long>(p) >= -4095UL;
}
} // namespace

extern "C" {

void class_destroy(struct ksim_class* cls);
void device_destroy(struct ksim_class* cls, unsigned devt);

// 6.1's class_create(owner, name) macro calls this with a lockdep key.
struct ksim_class* __class_create(struct module* owner, const char* name, void* /*key*/) {
    struct ksim_class* cls = devices().alloc_class();
    cls->name = name;
    cls->owner = owner;
    auto r = devices().add_class(cls);
    if (r.is_error()) {
        devices().free_class(cls);
        return static_cast<struct ksim_class*>(err_ptr(-r.error().code));
    }
    // class_create() makes the class; its name is the module's string.
    ksim::api::track(reinterpret_cast<uintptr_t>(cls), kClass,
                     fmt::format("\"{}\" (/sys/class/{})", name ? name : "", name ? name : ""),
                     KSIM_CALL_SITE(), [cls] { class_destroy(cls); });
    return cls;
}

void class_destroy(struct ksim_class* cls) {
    if (cls == nullptr || is_err(cls))
        return;
    ksim::api::untrack(reinterpret_cast<uintptr_t>(cls), kClass);
    ksim::api::untrack_group(reinterpret_cast<uintptr_t>(cls), kDevice);
    devices().remove_class(cls);
    devices().free_class(cls);
}

struct device* device_create(struct ksim_class* cls, struct device* parent, unsigned devt,
                             void* drvdata, const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    std::string name = ksim::api::kvformat(fmt, args);
    va_end(args);
    if (cls == nullptr || is_err(cls))
        return static_cast<struct device*>(err_ptr(-ENODEV));
    unsigned short mode = 0;
    auto r = devices().create_device(cls, parent, devt, drvdata, name, mode);
    if (r.is_error())
        return static_cast<struct device*>(err_ptr(-r.error().code));
    ksim::api::track(
        device_key(cls, devt), kDevice,
        fmt::format("\"{}\" ({}:{}, /dev/{})", name, ksim::vfs::dev_major(devt),
                    ksim::vfs::dev_minor(devt), name),
        KSIM_CALL_SITE(), [cls, devt] { device_destroy(cls, devt); },
        reinterpret_cast<uintptr_t>(cls));
    return r.value();
}

void device_destroy(struct ksim_class* cls, unsigned devt) {
    ksim::api::untrack(device_key(cls, devt), kDevice);
    devices().destroy_device(cls, devt);
}

} // extern "C"

EXPORT_SYMBOL_GPL_KSIM(__class_create)
EXPORT_SYMBOL_GPL_KSIM(class_destroy)
EXPORT_SYMBOL_GPL_KSIM(device_create)
EXPORT_SYMBOL_GPL_KSIM(device_destroy)
