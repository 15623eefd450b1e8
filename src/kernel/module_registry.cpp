// The module list and symbol lookup (kernel/module/main.c: find_module(),
// find_symbol(); kernel/module/kallsyms.c for address lookup).
#include "kernel/module_registry.h"

#include "api/export.h"

#include <algorithm>

namespace ksim {

std::string Module::modinfo_value(const std::string& key) const {
    for (const auto& [k, v] : modinfo)
        if (k == key)
            return v;
    return {};
}

ModuleRegistry::ModuleRegistry(Kernel& kernel) : m_kernel(kernel) {}

ModuleRegistry::~ModuleRegistry() {
    // Modules still loaded at shutdown are simply dropped with their memory;
    // Linux never unloads them either.
    m_modules.clear();
}

Module* ModuleRegistry::find_locked(std::string_view name) {
    for (auto& m : m_modules)
        if (m->name == name)
            return m.get();
    return nullptr;
}

Module* ModuleRegistry::exporter_locked(std::string_view name) {
    for (auto& m : m_modules) {
        if (m->state() == MODULE_STATE_UNFORMED)
            continue;
        for (const auto& e : m->exports)
            if (e.name == name)
                return m.get();
    }
    return nullptr;
}

std::optional<ResolvedSymbol> ModuleRegistry::resolve_locked(std::string_view name) {
    if (const KernelExport* e = find_kernel_export(name))
        return ResolvedSymbol{reinterpret_cast<uint64_t>(e->address), nullptr, e->gpl_only};
    for (auto& m : m_modules) {
        if (m->state() == MODULE_STATE_UNFORMED)
            continue;
        for (const auto& e : m->exports)
            if (e.name == name)
                return ResolvedSymbol{e.address, m.get(), e.gpl_only};
    }
    return std::nullopt;
}

void ModuleRegistry::add_locked(std::unique_ptr<Module> module) {
    m_modules.insert(m_modules.begin(), std::move(module));
}

std::unique_ptr<Module> ModuleRegistry::remove_locked(Module* module) {
    auto it = std::find_if(m_modules.begin(), m_modules.end(),
                           [&](const auto& m) { return m.get() == module; });
    if (it == m_modules.end())
        return nullptr;
    std::unique_ptr<Module> owned = std::move(*it);
    m_modules.erase(it);
    drop_uses_locked(owned.get()); // module_unload_free()
    for (Module* user : owned->used_by)
        std::erase(user->uses, owned.get());
    return owned;
}

void ModuleRegistry::add_use_locked(Module* user, Module* provider) {
    if (std::find(user->uses.begin(), user->uses.end(), provider) != user->uses.end())
        return;
    // ref_module(): the user holds a reference on the provider until it goes.
    user->uses.push_back(provider);
    provider->used_by.push_back(user);
    provider->refcnt.fetch_add(1);
}

void ModuleRegistry::drop_uses_locked(Module* user) {
    for (Module* provider : user->uses) {
        std::erase(provider->used_by, user);
        provider->refcnt.fetch_sub(1);
    }
    user->uses.clear();
}

void ModuleRegistry::free_images(Module& module) {
    m_memory.release(module.core.range);
    if (!module.init_freed)
        m_memory.retire(module.init.range);
}

std::vector<std::string> ModuleRegistry::names() {
    std::lock_guard guard(m_lock);
    std::vector<std::string> out;
    for (auto& m : m_modules)
        out.push_back(m->name);
    return out;
}

bool ModuleRegistry::is_loaded(std::string_view name) {
    std::lock_guard guard(m_lock);
    return find_locked(name) != nullptr;
}

Module* ModuleRegistry::module_at_locked(uint64_t address) {
    for (auto& m : m_modules) {
        if (m->core.range.contains(address))
            return m.get();
        if (!m->init_freed && m->init.range.contains(address))
            return m.get();
    }
    return nullptr;
}

} // namespace ksim
