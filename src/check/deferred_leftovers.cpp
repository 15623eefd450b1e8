// Deferred work left at rmmod; see deferred_leftovers.h.
#include "check/deferred_leftovers.h"

#include "kernel/findings.h"
#include "kernel/kernel.h"
#include "kernel/kthreads.h"
#include "kernel/module.h"
#include "kernel/module_source.h"
#include "kernel/softirq.h"
#include "kernel/workqueues.h"

#include <fmt/format.h>

#include <chrono>

namespace ksim {

namespace {

// How long a kthread gets to notice kthread_should_stop().
constexpr auto kthread_patience = std::chrono::milliseconds(2000);

bool in_module(const Module& module, uint64_t address) {
    for (const MemoryRange* range : {&module.core.range, &module.init.range})
        if (range->size != 0 && address >= range->base && address - range->base < range->size)
            return true;
    return false;
}

// "fn [mod]", as %ps prints a function.
std::string function_name(const Module& module, uint64_t address) {
    auto loc = module_symbol_at(module, address);
    if (!loc)
        return fmt::format("0x{:x} [{}]", address, module.name);
    return fmt::format("{} [{}]", loc->symbol, loc->module);
}

// "at file.c:12", from the module's call (or, without one, the function).
std::string site_of(Module& module, uint64_t site, uint64_t function) {
    if (site != 0 && in_module(module, site)) {
        std::string line = module_source_line(module, site, true);
        return line.empty() ? module_symbol_string(module, site) : line;
    }
    std::string line = module_source_line(module, function, false);
    return line.empty() ? module_symbol_string(module, function) : line;
}

void add(Kernel& kernel, Module& module, std::string summary, std::string location,
         std::string consequence, std::string action) {
    Finding f;
    f.kind = "deferred-leak";
    f.module = module.name;
    f.summary = std::move(summary);
    f.location = std::move(location);
    f.details.push_back(std::move(consequence));
    f.details.push_back(std::move(action));
    kernel.findings().add(std::move(f));
}

} // namespace

unsigned report_deferred_leftovers(Kernel& kernel, Module& module, bool init_failed) {
    auto owned = [&](uint64_t address) { return in_module(module, address); };
    std::string when = init_failed ? fmt::format("after the failed init of {}", module.name)
                                   : fmt::format("at rmmod of {}", module.name);
    unsigned reported = 0;

    for (const LeftoverKthread& k :
         kernel.kthreads().take_module_threads(owned, kthread_patience)) {
        std::string where = site_of(module, k.site, k.function);
        add(kernel, module,
            fmt::format("kthread {} ({}) {} {}, created at {}", k.comm,
                        function_name(module, k.function),
                        k.started ? "still running" : "created but never woken", when, where),
            where,
            k.started
                ? "on Linux it would go on running the unloaded module's freed code: an Oops or "
                  "silent corruption"
                : "on Linux the task would stay for good, and waking it would run freed "
                  "code",
            k.stopped ? "ksim has stopped it (kthread_stop)"
                      : "ksim could not stop it: it does not return when "
                        "kthread_should_stop() turns true");
        ++reported;
    }

    for (const LeftoverWork& w : kernel.workqueues().take_module_work(owned)) {
        std::string where = site_of(module, w.site, w.function);
        if (w.what == "workqueue") {
            add(kernel, module,
                fmt::format("workqueue \"{}\" {} {}, allocated at {}", w.name, w.state, when,
                            where),
                where, "on Linux the workqueue and its workers stay for good",
                "ksim has destroyed it (destroy_workqueue)");
        } else {
            add(kernel, module,
                fmt::format("{} {} {} {}, queued at {}", w.what, function_name(module, w.function),
                            w.state, when, where),
                where,
                w.state == "still running"
                    ? "on Linux the worker would go on running the unloaded module's freed code"
                    : "on Linux a worker would run it from the freed module memory: an Oops or "
                      "silent "
                      "corruption",
                w.state == "still running"
                    ? "ksim has waited for it to return"
                    : (w.what == "work" ? "ksim has cancelled it (cancel_work_sync)"
                                        : "ksim has cancelled it (cancel_delayed_work_sync)"));
        }
        ++reported;
    }

    for (const PendingSoftirq& t : kernel.softirq().take_timers([&](const timer_list& timer) {
             return owned(reinterpret_cast<uint64_t>(timer.function));
         })) {
        std::string where = site_of(module, t.setup_site, t.function);
        if (t.running)
            add(kernel, module,
                fmt::format("timer {} still running its callback {}, set up at {}",
                            function_name(module, t.function), when, where),
                where,
                "del_timer() does not wait for a running callback (del_timer_sync() does): on "
                "Linux it would go on running in the freed module memory",
                "ksim has waited for it to return");
        else
            add(kernel, module,
                fmt::format("timer {} still armed {}, set up at {}",
                            function_name(module, t.function), when, where),
                where,
                "on Linux it would fire into the freed module memory: an Oops once that memory is "
                "unmapped or reused, silent corruption until then",
                "ksim has deleted it (del_timer_sync)");
        ++reported;
    }

    for (const PendingSoftirq& t : kernel.softirq().take_tasklets(owned)) {
        std::string where = site_of(module, t.setup_site, t.function);
        add(kernel, module,
            fmt::format("tasklet {} still scheduled {}, set up at {}",
                        function_name(module, t.function), when, where),
            where,
            "on Linux it would run from the freed module memory: an Oops or silent corruption",
            "ksim has killed it (tasklet_kill)");
        ++reported;
    }
    return reported;
}

} // namespace ksim
