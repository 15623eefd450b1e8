// Character device numbers and cdevs as drivers register them
// (fs/char_dev.c): register/alloc/unregister_chrdev_region,
// __register_chrdev/__unregister_chrdev (what fs.h's register_chrdev and
// unregister_chrdev inline to), cdev_init/alloc/add/del.
#include "api/alloc.h"
#include "api/export.h"
#include "api/registrations.h"
#include "kernel/kernel.h"
#include "vfs/vfs.h"

#include <fmt/format.h>

#include <cstring>

using ksim::vfs::dev_major;
using ksim::vfs::dev_minor;
using ksim::vfs::make_dev;

namespace {

ksim::vfs::ChrdevTable& chrdevs() {
    return ksim::Kernel::active().vfs().chrdevs();
}

// Registers one region; the kernel's pr_err (if any) goes to the log.
long register_region(unsigned major, unsigned baseminor, unsigned count, const char* name) {
    auto r = chrdevs().register_region(major, baseminor, count, name ? name : "");
    if (r.is_error()) {
        if (!r.error().message.empty())
            ksim::Kernel::active().log().emit(3, r.error().message);
        return -r.error().code;
    }
    return r.value();
}

// "240:0-3 \"name\"": the region as the leak report names it.
std::string region_text(unsigned dev, unsigned count, const char* name) {
    return fmt::format("{}:{}-{} \"{}\"", dev_major(dev), dev_minor(dev),
                       dev_minor(dev) + count - 1, name ? name : "");
}

constexpr const char* kRegion = "chrdev region";
constexpr const char* kCdev = "cdev";

} // namespace

extern "C" {

void unregister_chrdev_region(unsigned from, unsigned count);
void __unregister_chrdev(unsigned major, unsigned baseminor, unsigned count, const char* name);

// A range may span several majors; each major's part is one region, and a
// failure undoes the parts already registered.
static int register_chrdev_region_nocheck(unsigned from, unsigned count, const char* name);

int register_chrdev_region(unsigned from, unsigned count, const char* name) {
    int r = register_chrdev_region_nocheck(from, count, name);
    if (r == 0)
        ksim::api::track(from, kRegion, region_text(from, count, name), KSIM_CALL_SITE(),
                         [from, count] { unregister_chrdev_region(from, count); });
    return r;
}

static int register_chrdev_region_nocheck(unsigned from, unsigned count, const char* name) {
    unsigned to = from + count;
    unsigned n = from;
    for (; n < to;) {
        unsigned next = make_dev(dev_major(n) + 1, 0);
        unsigned end = next > to ? to : next;
        long r = register_region(dev_major(n), dev_minor(n), end - n, name);
        if (r < 0) {
            for (unsigned m = from; m < n;) {
                unsigned mnext = make_dev(dev_major(m) + 1, 0);
                unsigned mend = mnext > n ? n : mnext;
                (void)chrdevs().unregister_region(dev_major(m), dev_minor(m), mend - m);
                m = mnext;
            }
            return static_cast<int>(r);
        }
        n = next;
    }
    return 0;
}

int alloc_chrdev_region(unsigned* dev, unsigned baseminor, unsigned count, const char* name) {
    long r = register_region(0, baseminor, count, name);
    if (r < 0)
        return static_cast<int>(r);
    *dev = make_dev(static_cast<unsigned>(r), baseminor);
    unsigned from = *dev;
    ksim::api::track(from, kRegion, region_text(from, count, name), KSIM_CALL_SITE(),
                     [from, count] { unregister_chrdev_region(from, count); });
    return 0;
}

void unregister_chrdev_region(unsigned from, unsigned count) {
    ksim::api::untrack(from, kRegion);
    unsigned to = from + count;
    for (unsigned n = from; n < to;) {
        unsigned next = make_dev(dev_major(n) + 1, 0);
        unsigned end = next > to ? to : next;
        (void)chrdevs().unregister_region(dev_major(n), dev_minor(n), end - n);
        n = next;
    }
}

void cdev_init(struct cdev* cdev, const struct file_operations* fops) {
    std::memset(cdev, 0, sizeof *cdev);
    cdev->list.next = cdev->list.prev = &cdev->list;
    cdev->ops = fops;
}

struct cdev* cdev_alloc(void) {
    struct cdev* c = chrdevs().alloc_cdev();
    c->list.next = c->list.prev = &c->list;
    return c;
}

int cdev_add(struct cdev* p, unsigned dev, unsigned count) {
    p->dev = dev;
    p->count = count;
    // fs/char_dev.c cdev_add(): a range reaching past the last device number
    // is refused.
    if (dev == ~0u || count == 0 || dev + count < dev)
        return -EINVAL;
    auto r = chrdevs().add_cdev(p, dev, count);
    if (r.is_error())
        return -r.error().code;
    p->ksim_private = p;
    // The undo must not write into the cdev: its memory may be the module's
    // (gone) or already freed.
    bool dynamic = p->ksim_dynamic;
    ksim::api::track(
        reinterpret_cast<uintptr_t>(p), kCdev,
        fmt::format("{}:{}-{}", dev_major(dev), dev_minor(dev), dev_minor(dev) + count - 1),
        KSIM_CALL_SITE(), [p, dynamic] {
            chrdevs().remove_cdev(p);
            if (dynamic)
                chrdevs().free_cdev(p);
        });
    return 0;
}

void cdev_del(struct cdev* p) {
    ksim::api::untrack(reinterpret_cast<uintptr_t>(p), kCdev);
    chrdevs().remove_cdev(p);
    p->ksim_private = nullptr;
    if (p->ksim_dynamic)
        chrdevs().free_cdev(p);
}

int __register_chrdev(unsigned major, unsigned baseminor, unsigned count, const char* name,
                      const struct file_operations* fops) {
    long r = register_region(major, baseminor, count, name);
    if (r < 0)
        return static_cast<int>(r);
    unsigned got = static_cast<unsigned>(r);
    struct cdev* c = cdev_alloc();
    c->owner = fops ? fops->owner : nullptr;
    c->ops = fops;
    int err = cdev_add(c, make_dev(got, baseminor), count);
    if (err != 0) {
        cdev_del(c);
        (void)chrdevs().unregister_region(got, baseminor, count);
        return err;
    }
    chrdevs().set_region_cdev(got, baseminor, c);
    unsigned from = make_dev(got, baseminor);
    ksim::api::track(
        from, kRegion, region_text(from, count, name), KSIM_CALL_SITE(),
        [got, baseminor, count] { __unregister_chrdev(got, baseminor, count, nullptr); });
    return major == 0 ? static_cast<int>(got) : 0;
}

void __unregister_chrdev(unsigned major, unsigned baseminor, unsigned count, const char*) {
    ksim::api::untrack(make_dev(major, baseminor), kRegion);
    auto region = chrdevs().unregister_region(major, baseminor, count);
    if (!region.is_error() && region.value().owner_cdev != nullptr)
        cdev_del(region.value().owner_cdev);
}

} // extern "C"

EXPORT_SYMBOL_KSIM(register_chrdev_region)
EXPORT_SYMBOL_KSIM(alloc_chrdev_region)
EXPORT_SYMBOL_KSIM(unregister_chrdev_region)
EXPORT_SYMBOL_KSIM(cdev_init)
EXPORT_SYMBOL_KSIM(cdev_alloc)
EXPORT_SYMBOL_KSIM(cdev_add)
EXPORT_SYMBOL_KSIM(cdev_del)
EXPORT_SYMBOL_KSIM(__register_chrdev)
EXPORT_SYMBOL_KSIM(__unregister_chrdev)
