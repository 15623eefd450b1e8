// delete_module(); see delete_module.h. Refusals return the errno Linux
// returns; kmod's rmmod turns them into its messages.
#include "loader/delete_module.h"

#include "check/leak_report.h"
#include "kernel/kernel.h"
#include "kernel/module_registry.h"
#include "loader/module_params.h"

namespace ksim {

UnloadOutcome delete_module(Kernel& kernel, const std::string& name, bool force) {
    auto& registry = kernel.modules();
    Module* mod = nullptr;
    {
        std::lock_guard guard(registry.lock());
        mod = registry.find_locked(name);
        if (mod == nullptr)
            return {ENOENT, {}};
        // Other modules depend on us: get rid of them first.
        if (!mod->used_by.empty())
            return {EWOULDBLOCK, {}};
        // Still initialising, or already on its way out.
        if (mod->state() != MODULE_STATE_LIVE)
            return {EBUSY, {}};
        // A module with init but no exit can only be forced out.
        if (mod->has_init() && !mod->has_exit()) {
            if (!force)
                return {EBUSY, {}};
            kernel.taint().add(TaintFlag::ForcedRmmod);
        }
        // try_stop_module(): drop the base reference; busy if others remain.
        int expected = 1;
        if (!mod->refcnt.compare_exchange_strong(expected, 0)) {
            if (!force)
                return {EWOULDBLOCK, {}};
            kernel.taint().add(TaintFlag::ForcedRmmod);
            mod->refcnt.fetch_sub(1);
        }
        mod->set_state(MODULE_STATE_GOING);
    }

    UnloadOutcome outcome;
    if (mod->has_exit() && kernel.config().run_module_code) {
        outcome.task = run_guarded(kernel, [&] { mod->descriptor->exit(); });
        // The task died in exit: Linux leaves the module GOING for good.
        if (!outcome.task.completed)
            return outcome;
    }

    // kmemleak's view at unload: what the module allocated and left behind.
    report_module_leaks(kernel, *mod);

    std::unique_ptr<Module> owned;
    {
        std::lock_guard guard(registry.lock());
        owned = registry.remove_locked(mod);
        // "[last unloaded: name(OE)]" in later Oopses, with its taints.
        std::string letters = taint_letters_module(owned->taints);
        registry.set_last_unloaded(owned->name + (letters.empty() ? "" : "(" + letters + ")"));
    }
    release_module_params(kernel, *owned);
    registry.free_images(*owned);
    return outcome;
}

} // namespace ksim
