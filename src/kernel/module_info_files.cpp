// /proc/modules and /sys/module/<m>/ contents; see module_info_files.h.
#include "kernel/module_info_files.h"

#include "kernel/kernel.h"
#include "kernel/module_registry.h"

#include <fmt/format.h>

#include <cstring>
#include <memory>
#include <sys/stat.h>

namespace ksim {

namespace {

std::string_view state_word(enum module_state s) {
    switch (s) {
    case MODULE_STATE_GOING:
        return "Unloading";
    case MODULE_STATE_COMING:
        return "Loading";
    default:
        return "Live";
    }
}

std::string_view initstate_word(enum module_state s) {
    switch (s) {
    case MODULE_STATE_GOING:
        return "going";
    case MODULE_STATE_COMING:
        return "coming";
    default:
        return "live";
    }
}

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> parts;
    size_t pos = 0;
    while (pos < path.size()) {
        size_t next = path.find('/', pos);
        if (next == std::string::npos)
            next = path.size();
        if (next > pos)
            parts.push_back(path.substr(pos, next - pos));
        pos = next + 1;
    }
    return parts;
}

const kernel_param* find_param(const Module& mod, const std::string& name) {
    if (mod.descriptor == nullptr)
        return nullptr;
    for (unsigned i = 0; i < mod.descriptor->num_kp; ++i) {
        const kernel_param& kp = mod.descriptor->kp[i];
        if (kp.name != nullptr && name == kp.name && kp.perm != 0)
            return &kp;
    }
    return nullptr;
}

Error no_such_file() {
    return Error::from_errno(ENOENT, "No such file or directory");
}

} // namespace

std::string module_flags(const Module& mod) {
    std::string letters = taint_letters_module(mod.taints);
    if (mod.state() == MODULE_STATE_GOING)
        letters += '-';
    if (mod.state() == MODULE_STATE_COMING)
        letters += '+';
    return letters.empty() ? std::string() : "(" + letters + ")";
}

std::vector<ModuleSummary> module_summaries(Kernel& kernel) {
    auto& registry = kernel.modules();
    std::lock_guard guard(registry.lock());
    std::vector<ModuleSummary> out;
    for (const auto& m : registry.modules_locked()) {
        ModuleSummary s;
        s.name = m->name;
        s.size = m->core.size + m->init.size;
        s.coresize = m->core.size;
        s.base = m->core.range.base;
        s.refcount = m->refcount();
        // Newest user first, as Linux adds to the head of source_list.
        for (auto it = m->used_by.rbegin(); it != m->used_by.rend(); ++it)
            s.holders.push_back((*it)->name);
        s.permanent = m->has_init() && !m->has_exit();
        s.state = std::string(state_word(m->state()));
        s.initstate = std::string(initstate_word(m->state()));
        s.flags = module_flags(*m);
        out.push_back(std::move(s));
    }
    return out;
}

std::string format_proc_modules(Kernel& kernel) {
    std::string out;
    for (const auto& s : module_summaries(kernel)) {
        // m_show(): name size refcount users, state, address, taints; the
        // address as root reads it.
        out += fmt::format("{} {} {} ", s.name, s.size, s.refcount);
        std::string users;
        for (const auto& h : s.holders)
            users += h + ",";
        if (s.permanent)
            users += "[permanent],";
        out += users.empty() ? "-" : users;
        out += fmt::format(" {} 0x{:016x}", s.state, s.base);
        if (!s.flags.empty())
            out += " " + s.flags;
        out += "\n";
    }
    return out;
}

ErrorOr<std::string> read_module_file(Kernel& kernel, const std::string& path) {
    if (path == "/proc/modules")
        return format_proc_modules(kernel);
    if (path == "/proc/sys/kernel/tainted")
        return fmt::format("{}\n", kernel.taint().mask());
    auto parts = split_path(path);
    if (parts.size() < 3 || parts[0] != "sys" || parts[1] != "module")
        return no_such_file();
    auto& registry = kernel.modules();
    std::lock_guard guard(registry.lock());
    Module* mod = registry.find_locked(parts[2]);
    if (mod == nullptr)
        return no_such_file();
    if (parts.size() == 4) {
        const std::string& attr = parts[3];
        if (attr == "refcnt")
            return fmt::format("{}\n", mod->refcount());
        if (attr == "initstate")
            return fmt::format("{}\n", initstate_word(mod->state()));
        if (attr == "taint")
            return taint_letters_module(mod->taints) + "\n";
        if (attr == "coresize")
            return fmt::format("{}\n", mod->core.size);
        if (attr == "initsize")
            return fmt::format("{}\n", mod->init.size);
        std::string v = mod->modinfo_value(attr);
        if ((attr == "version" || attr == "srcversion") && !v.empty())
            return v + "\n";
        if (attr == "holders" || attr == "parameters")
            return Error::from_errno(EISDIR, "Is a directory");
        return no_such_file();
    }
    if (parts.size() == 5 && parts[3] == "parameters") {
        const kernel_param* kp = find_param(*mod, parts[4]);
        if (kp == nullptr)
            return no_such_file();
        if (!(kp->perm & 0444))
            return Error::from_errno(EACCES, "Permission denied");
        if (kp->ops == nullptr || kp->ops->get == nullptr)
            return Error::from_errno(EPERM, "Operation not permitted");
        // sysfs hands show() a page-sized buffer.
        auto page = std::make_unique<char[]>(4096);
        std::memset(page.get(), 0, 4096);
        int n = kp->ops->get(page.get(), kp);
        if (n < 0)
            return Error::from_errno(-n, std::strerror(-n));
        return std::string(page.get(), std::min(n, 4096));
    }
    return no_such_file();
}

ErrorOr<void> write_module_file(Kernel& kernel, const std::string& path, const std::string& data) {
    auto parts = split_path(path);
    if (parts.size() != 5 || parts[0] != "sys" || parts[1] != "module" || parts[3] != "parameters")
        return read_module_file(kernel, path).is_error()
                   ? no_such_file()
                   : Error::from_errno(EACCES, "Permission denied");
    auto& registry = kernel.modules();
    std::lock_guard guard(registry.lock());
    Module* mod = registry.find_locked(parts[2]);
    const kernel_param* kp = mod ? find_param(*mod, parts[4]) : nullptr;
    if (kp == nullptr)
        return no_such_file();
    if (!(kp->perm & 0222))
        return Error::from_errno(EACCES, "Permission denied");
    if (kp->ops == nullptr || kp->ops->set == nullptr)
        return Error::from_errno(EPERM, "Operation not permitted");
    // sysfs stores get a NUL-terminated copy of what was written, as a
    // std::string's c_str() is.
    int err = kp->ops->set(data.c_str(), kp);
    if (err < 0)
        return Error::from_errno(-err, std::strerror(-err));
    return {};
}

ErrorOr<std::vector<std::string>> list_module_dir(Kernel& kernel, const std::string& path) {
    if (path == "/proc/sys")
        return std::vector<std::string>{"kernel"};
    if (path == "/proc/sys/kernel")
        return std::vector<std::string>{"tainted"};
    auto parts = split_path(path);
    if (parts.size() == 2 && parts[0] == "sys" && parts[1] == "module")
        return kernel.modules().names();
    if (parts.size() < 3 || parts[0] != "sys" || parts[1] != "module")
        return no_such_file();
    auto& registry = kernel.modules();
    std::lock_guard guard(registry.lock());
    Module* mod = registry.find_locked(parts[2]);
    if (mod == nullptr)
        return no_such_file();
    if (parts.size() == 3)
        return std::vector<std::string>{"coresize",   "holders", "initsize", "initstate",
                                        "parameters", "refcnt",  "taint"};
    if (parts.size() == 4 && parts[3] == "holders") {
        std::vector<std::string> out;
        for (Module* user : mod->used_by)
            out.push_back(user->name);
        return out;
    }
    if (parts.size() == 4 && parts[3] == "parameters") {
        std::vector<std::string> out;
        for (unsigned i = 0; mod->descriptor && i < mod->descriptor->num_kp; ++i)
            if (mod->descriptor->kp[i].perm != 0)
                out.push_back(mod->descriptor->kp[i].name);
        return out;
    }
    return no_such_file();
}

ErrorOr<unsigned short> module_file_mode(Kernel& kernel, const std::string& path) {
    if (path == "/proc/sys" || path == "/proc/sys/kernel")
        return static_cast<unsigned short>(S_IFDIR | 0555);
    if (path == "/proc/sys/kernel/tainted")
        return static_cast<unsigned short>(S_IFREG | 0644); // proc_taint's table mode
    if (!list_module_dir(kernel, path).is_error())
        return static_cast<unsigned short>(S_IFDIR | 0755);
    auto parts = split_path(path);
    if (parts.size() == 5 && parts[0] == "sys" && parts[1] == "module" &&
        parts[3] == "parameters") {
        auto& registry = kernel.modules();
        std::lock_guard guard(registry.lock());
        Module* mod = registry.find_locked(parts[2]);
        const kernel_param* kp = mod ? find_param(*mod, parts[4]) : nullptr;
        if (kp == nullptr)
            return no_such_file();
        return static_cast<unsigned short>(S_IFREG | (kp->perm & 0777));
    }
    auto content = read_module_file(kernel, path);
    if (content.is_error() && content.error().code == ENOENT)
        return no_such_file();
    return static_cast<unsigned short>(S_IFREG | 0444);
}

} // namespace ksim
