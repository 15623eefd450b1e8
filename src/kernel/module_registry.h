#pragma once
// The list of loaded modules (Linux's `modules` list and module_mutex),
// kernel symbol resolution for the loader, and address lookup for kallsyms.
//
// Locking: m_lock protects the list and every Module's uses/used_by; it is
// never held while module code runs.

#include "kernel/module.h"
#include "kernel/module_memory.h"

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ksim {

class Kernel;

struct ResolvedSymbol {
    uint64_t address = 0;
    Module* owner = nullptr; // nullptr for ksim's own exports
    bool gpl_only = false;
};

class ModuleRegistry {
  public:
    explicit ModuleRegistry(Kernel& kernel);
    ~ModuleRegistry();

    ModuleMemoryArea& memory() { return m_memory; }
    std::mutex& lock() { return m_lock; }

    // Under lock():
    Module* find_locked(std::string_view name);
    // A symbol exported by ksim or a live/coming module.
    std::optional<ResolvedSymbol> resolve_locked(std::string_view name);
    // The module that exports `name`, if a module does.
    Module* exporter_locked(std::string_view name);
    void add_locked(std::unique_ptr<Module> module);
    std::unique_ptr<Module> remove_locked(Module* module);
    const std::vector<std::unique_ptr<Module>>& modules_locked() const { return m_modules; }
    // Records that `user` depends on `provider` (ref_module()), taking a
    // reference on the provider.
    void add_use_locked(Module* user, Module* provider);
    // Forgets all of `user`'s dependencies and gives their references back.
    void drop_uses_locked(Module* user);
    // Returns a module's images: core addresses may be reused, init
    // addresses never are.
    void free_images(Module& module);

    // Snapshot helpers that take the lock themselves.
    std::vector<std::string> names();
    bool is_loaded(std::string_view name);

    // The module whose memory (core or not-yet-freed init) contains `address`.
    Module* module_at_locked(uint64_t address);

    // The last module unloaded, which Oops reports name ("last unloaded: x").
    const std::string& last_unloaded() const { return m_last_unloaded; }
    void set_last_unloaded(std::string name) { m_last_unloaded = std::move(name); }

  private:
    Kernel& m_kernel;
    std::mutex m_lock;
    ModuleMemoryArea m_memory;
    // Newest first, as Linux adds to the head of `modules`.
    std::vector<std::unique_ptr<Module>> m_modules;
    std::string m_last_unloaded;
};

} // namespace ksim
