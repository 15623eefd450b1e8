// kobjects and their sysfs directories and attribute files (lib/kobject.c,
// fs/sysfs/file.c, fs/sysfs/group.c): kobject_init/add/create_and_add/get/
// put/del, kernel_kobj, sysfs_create_file/remove_file/create_group/
// remove_group. An attribute file calls the kobject's sysfs_ops with a
// page-sized, page-aligned buffer, as sysfs does.
#include "api/alloc.h"
#include "api/export.h"
#include "api/registrations.h"
#include "api/vsprintf.h"
#include "check/guarded_call.h"
#include "kernel/kernel.h"
#include "vfs/vfs.h"

#include <fmt/format.h>

#include <cstdarg>
#include <cstdlib>
#include <cstring>
#include <memory>

using ksim::vfs::Node;
using ksim::vfs::NodeKind;

namespace {

ksim::Kernel& kernel() {
    return ksim::Kernel::active();
}
ksim::vfs::Tree& tree() {
    return kernel().vfs().tree();
}

Node* dir_of(const kobject* kobj) {
    return static_cast<Node*>(kobj->sd);
}

std::string path_of(const kobject* kobj) {
    return tree().path_of(*dir_of(kobj));
}

// lib/kobject.c kobj_attr_show/kobj_attr_store: the kobj_attribute's own
// method, or -EIO when it has none.
long kobj_attr_show(kobject* kobj, attribute* attr, char* buf) {
    auto* ka = reinterpret_cast<kobj_attribute*>(attr);
    return ka->show ? ka->show(kobj, ka, buf) : -EIO;
}
long kobj_attr_store(kobject* kobj, attribute* attr, const char* buf, unsigned long count) {
    auto* ka = reinterpret_cast<kobj_attribute*>(attr);
    return ka->store ? ka->store(kobj, ka, buf, count) : -EIO;
}
constexpr sysfs_ops kobj_sysfs_ops = {kobj_attr_show, kobj_attr_store};

// kobject_create(): the kobject and its name are owned by ksim, freed by
// this release when the last reference goes.
void dynamic_kobj_release(kobject* kobj) {
    std::free(const_cast<char*>(kobj->name));
    delete kobj;
}
constexpr kobj_type dynamic_kobj_ktype = {
    dynamic_kobj_release, &kobj_sysfs_ops, nullptr, nullptr, nullptr, nullptr};

struct PageDeleter {
    void operator()(char* p) const { std::free(p); }
};

// Runs a sysfs show/store in module context; the task dying there fails the
// call with -EFAULT.
long guarded(const std::function<long()>& body) {
    long r = -EFAULT;
    auto g = ksim::run_guarded(kernel(), [&] { r = body(); });
    return g.completed ? r : -EFAULT;
}

int add_attribute_file(kobject* kobj, Node* dir, const attribute* attr, unsigned short mode) {
    std::string path = tree().path_of(*dir) + "/" + attr->name;
    auto node = tree().create(path, NodeKind::File, mode);
    if (node.is_error()) {
        if (node.error().code == EEXIST)
            kernel().log().emit(
                4, fmt::format("sysfs: cannot create duplicate filename '{}'\n", path.substr(4)));
        return -node.error().code;
    }
    // sysfs_add_file_mode_ns(): a regular attribute's size is a page.
    node.value()->inode().i_size = 4096;
    const sysfs_ops* ops = kobj->ktype ? kobj->ktype->sysfs_ops : nullptr;
    auto* a = const_cast<attribute*>(attr);
    // fs/sysfs/file.c sysfs_add_file_mode_ns() + kernfs_fop_open(): readable
    // only with a show method and a read bit, writable likewise.
    if (ops && ops->show && (mode & 0444)) {
        node.value()->callbacks.show = [kobj, a, ops]() -> ksim::ErrorOr<std::string> {
            std::unique_ptr<char, PageDeleter> page(
                static_cast<char*>(std::aligned_alloc(4096, 4096)));
            std::memset(page.get(), 0, 4096);
            long n = guarded([&] { return ops->show(kobj, a, page.get()); });
            if (n < 0)
                return ksim::Error::from_errno(static_cast<int>(-n), {});
            return std::string(page.get(), static_cast<size_t>(std::min(n, 4096L)));
        };
    }
    if (ops && ops->store && (mode & 0222)) {
        node.value()->callbacks.store = [kobj, a,
                                         ops](std::string_view data) -> ksim::ErrorOr<size_t> {
            std::unique_ptr<char, PageDeleter> page(
                static_cast<char*>(std::aligned_alloc(4096, 4096)));
            std::memset(page.get(), 0, 4096);
            std::memcpy(page.get(), data.data(), data.size());
            long n = guarded([&] { return ops->store(kobj, a, page.get(), data.size()); });
            if (n < 0)
                return ksim::Error::from_errno(static_cast<int>(-n), {});
            return static_cast<size_t>(n);
        };
    }
    return 0;
}

// Records a kobject's directory or attribute file for the rmmod check.
void track_path(const char* kind, const std::string& path, uint64_t call_site) {
    auto node = tree().lookup(path);
    if (!node.is_error())
        ksim::api::track_node(kind, node.value().get(), call_site);
}

int tracked(struct kobject* kobj, int err, uint64_t call_site) {
    if (err == 0)
        track_path("sysfs kobject", path_of(kobj), call_site);
    return err;
}

} // namespace

extern "C" {

// The kobject of /sys/kernel: an exported data symbol, so it must be a
// variable; it points into the active kernel's Vfs.
struct kobject* kernel_kobj = nullptr;

void ksim_sysfs_bind_kernel_kobj(struct kobject* kobj) {
    kernel_kobj = kobj;
}

void kobject_init(struct kobject* kobj, const struct kobj_type* ktype) {
    if (kobj->state_initialized)
        kernel().log().emit(3, fmt::format("kobject ({:p}): tried to init an initialized object, "
                                           "something is seriously wrong.\n",
                                           static_cast<void*>(kobj)));
    std::memset(kobj, 0, sizeof *kobj);
    kobj->entry.next = kobj->entry.prev = &kobj->entry;
    kobj->ktype = ktype;
    kobj->ksim_kref = 1;
    kobj->state_initialized = 1;
}

int kobject_set_name_vargs(struct kobject* kobj, const char* fmt, va_list args) {
    std::string name = ksim::api::kvformat(fmt, args);
    std::free(const_cast<char*>(kobj->name));
    kobj->name = strdup(name.c_str());
    return 0;
}

int kobject_set_name(struct kobject* kobj, const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    int r = kobject_set_name_vargs(kobj, fmt, args);
    va_end(args);
    return r;
}

static int kobject_add_internal(struct kobject* kobj, struct kobject* parent) {
    std::string base = parent && parent->sd ? path_of(parent) : "/sys";
    auto dir = tree().create(base + "/" + kobj->name, NodeKind::Directory, 0755);
    if (dir.is_error()) {
        if (dir.error().code == EEXIST)
            kernel().log().emit(4, fmt::format("sysfs: cannot create duplicate filename '{}/{}'\n",
                                               base.substr(4), kobj->name));
        return -dir.error().code;
    }
    kobj->parent = parent;
    kobj->sd = dir.value().get();
    kobj->state_in_sysfs = 1;
    if (kobj->ktype && kobj->ktype->default_groups) {
        for (auto** g = kobj->ktype->default_groups; *g; ++g)
            for (auto** a = (*g)->attrs; a && *a; ++a)
                (void)add_attribute_file(kobj, dir_of(kobj), *a, (*a)->mode);
    }
    return 0;
}

int kobject_add(struct kobject* kobj, struct kobject* parent, const char* fmt, ...) {
    if (!kobj->state_initialized) {
        kernel().log().emit(3, fmt::format("kobject '{}' ({:p}): tried to add an uninitialized "
                                           "object, something is seriously wrong.\n",
                                           kobj->name ? kobj->name : "(null)",
                                           static_cast<void*>(kobj)));
        return -EINVAL;
    }
    va_list args;
    va_start(args, fmt);
    kobject_set_name_vargs(kobj, fmt, args);
    va_end(args);
    return tracked(kobj, kobject_add_internal(kobj, parent), KSIM_CALL_SITE());
}

int kobject_init_and_add(struct kobject* kobj, const struct kobj_type* ktype,
                         struct kobject* parent, const char* fmt, ...) {
    kobject_init(kobj, ktype);
    va_list args;
    va_start(args, fmt);
    kobject_set_name_vargs(kobj, fmt, args);
    va_end(args);
    return tracked(kobj, kobject_add_internal(kobj, parent), KSIM_CALL_SITE());
}

struct kobject* kobject_create_and_add(const char* name, struct kobject* parent) {
    auto* kobj = new kobject{}; // zeroed: kobject_init() checks state_initialized
    kobject_init(kobj, &dynamic_kobj_ktype);
    kobj->name = strdup(name);
    if (kobject_add_internal(kobj, parent) != 0) {
        dynamic_kobj_release(kobj);
        return nullptr;
    }
    tracked(kobj, 0, KSIM_CALL_SITE());
    return kobj;
}

struct kobject* kobject_get(struct kobject* kobj) {
    if (kobj)
        ++kobj->ksim_kref;
    return kobj;
}

void kobject_del(struct kobject* kobj) {
    if (kobj == nullptr || kobj->sd == nullptr)
        return;
    tree().remove_node(*dir_of(kobj));
    kobj->sd = nullptr;
    kobj->state_in_sysfs = 0;
}

void kobject_put(struct kobject* kobj) {
    if (kobj == nullptr)
        return;
    if (--kobj->ksim_kref != 0)
        return;
    // lib/kobject.c kobject_cleanup()
    kobject_del(kobj);
    const kobj_type* t = kobj->ktype;
    if (t && t->release) {
        const char* name = kobj->name;
        bool dynamic = t == &dynamic_kobj_ktype;
        (void)guarded([&] {
            t->release(kobj);
            return 0L;
        });
        if (!dynamic)
            std::free(const_cast<char*>(name));
    } else {
        kernel().log().emit(3, fmt::format("kobject: '{}' ({:p}): does not have a release() "
                                           "function, it is broken and must be fixed. See "
                                           "Documentation/core-api/kobject.rst.\n",
                                           kobj->name ? kobj->name : "", static_cast<void*>(kobj)));
    }
}

int sysfs_create_file_ns(struct kobject* kobj, const struct attribute* attr, const void*) {
    if (kobj == nullptr || kobj->sd == nullptr || attr == nullptr)
        return -EINVAL;
    int err = add_attribute_file(kobj, dir_of(kobj), attr, attr->mode);
    if (err == 0)
        track_path("sysfs file", path_of(kobj) + "/" + attr->name, KSIM_CALL_SITE());
    return err;
}

void sysfs_remove_file_ns(struct kobject* kobj, const struct attribute* attr, const void*) {
    if (kobj == nullptr || kobj->sd == nullptr)
        return;
    (void)tree().remove(path_of(kobj) + "/" + attr->name, false);
}

int sysfs_create_group(struct kobject* kobj, const struct attribute_group* grp) {
    if (kobj == nullptr || kobj->sd == nullptr)
        return -EINVAL;
    Node* dir = dir_of(kobj);
    if (grp->name) {
        auto sub = tree().create(path_of(kobj) + "/" + grp->name, NodeKind::Directory, 0755);
        if (sub.is_error())
            return -sub.error().code;
        dir = sub.value().get();
        track_path("sysfs group", tree().path_of(*dir), KSIM_CALL_SITE());
    }
    int i = 0;
    for (auto** a = grp->attrs; a && *a; ++a, ++i) {
        unsigned short mode = (*a)->mode;
        if (grp->is_visible) {
            mode = static_cast<unsigned short>(
                guarded([&] { return static_cast<long>(grp->is_visible(kobj, *a, i)); }));
            if (mode == 0)
                continue;
        }
        int err = add_attribute_file(kobj, dir, *a, mode);
        if (err) {
            for (auto** b = grp->attrs; b != a; ++b)
                (void)tree().remove(tree().path_of(*dir) + "/" + (*b)->name, false);
            return err;
        }
        if (grp->name == nullptr)
            track_path("sysfs file", tree().path_of(*dir) + "/" + (*a)->name, KSIM_CALL_SITE());
    }
    return 0;
}

void sysfs_remove_group(struct kobject* kobj, const struct attribute_group* grp) {
    if (kobj == nullptr || kobj->sd == nullptr)
        return;
    if (grp->name) {
        (void)tree().remove(path_of(kobj) + "/" + grp->name, true);
        return;
    }
    for (auto** a = grp->attrs; a && *a; ++a)
        (void)tree().remove(path_of(kobj) + "/" + (*a)->name, false);
}

} // extern "C"

EXPORT_SYMBOL_GPL_KSIM(kernel_kobj)
EXPORT_SYMBOL_KSIM(kobject_init)
EXPORT_SYMBOL_KSIM(kobject_set_name)
EXPORT_SYMBOL_KSIM(kobject_add)
EXPORT_SYMBOL_KSIM(kobject_init_and_add)
EXPORT_SYMBOL_GPL_KSIM(kobject_create_and_add)
EXPORT_SYMBOL_KSIM(kobject_get)
EXPORT_SYMBOL_KSIM(kobject_del)
EXPORT_SYMBOL_KSIM(kobject_put)
EXPORT_SYMBOL_GPL_KSIM(sysfs_create_file_ns)
EXPORT_SYMBOL_GPL_KSIM(sysfs_remove_file_ns)
EXPORT_SYMBOL_GPL_KSIM(sysfs_create_group)
EXPORT_SYMBOL_GPL_KSIM(sysfs_remove_group)
