// Registrations left behind at rmmod; see resource_leaks.h.
#include "check/resource_leaks.h"

#include "kernel/findings.h"
#include "kernel/kernel.h"
#include "kernel/module.h"
#include "kernel/module_source.h"
#include "kernel/resource_ledger.h"

#include <fmt/format.h>

#include <algorithm>

namespace ksim {

namespace {

// What the stale registration does on Linux once the module is gone.
std::string consequence(const std::string& kind) {
    if (kind == "chrdev region")
        return "Linux keeps the region: its major stays taken and cat /proc/devices reads the "
               "name from the unloaded module's memory";
    if (kind == "cdev")
        return "Linux keeps the cdev: opening its device node calls the unloaded module's "
               "file_operations";
    if (kind == "misc device" || kind == "device")
        return "Linux keeps the device and its /dev node: opening it calls the unloaded "
               "module's file_operations";
    if (kind == "class")
        return "Linux keeps the class: registering a class of that name fails with -EEXIST";
    return "Linux keeps the entry: reading or writing it calls into the unloaded module";
}

bool under(const std::string& path, const std::string& dir) {
    return !dir.empty() && path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 &&
           path[dir.size()] == '/';
}

} // namespace

unsigned report_resource_leaks(Kernel& kernel, Module& module, bool init_failed) {
    std::vector<Registration> left;
    for (const MemoryRange* range : {&module.core.range, &module.init.range}) {
        if (range->size == 0)
            continue;
        auto taken = kernel.api().resources.take_from(range->base, range->base + range->size);
        left.insert(left.end(), std::make_move_iterator(taken.begin()),
                    std::make_move_iterator(taken.end()));
    }
    std::erase_if(left, [](const Registration& r) { return r.alive && !r.alive(); });
    std::sort(left.begin(), left.end(),
              [](const Registration& a, const Registration& b) { return a.serial < b.serial; });
    std::string when = init_failed
                           ? fmt::format("left registered by the failed init of {}", module.name)
                           : fmt::format("leaked at rmmod of {}", module.name);
    unsigned reported = 0;
    for (const auto& r : left) {
        // A directory that stayed takes what is under it along: one finding.
        bool inside = std::any_of(left.begin(), left.end(), [&](const Registration& o) {
            return &o != &r && under(r.path, o.path);
        });
        if (inside)
            continue;
        std::string where = module_symbol_string(module, r.call_site);
        std::string line = module_source_line(module, r.call_site, true);
        std::string site = line.empty() ? where : fmt::format("{} ({})", where, line);
        Finding f;
        f.kind = "resource-leak";
        f.module = module.name;
        f.summary = fmt::format("{}: {} {} registered at {}", when, r.kind, r.what, site);
        f.location = site;
        f.details.push_back(consequence(r.kind));
        f.details.push_back("ksim has removed it");
        kernel.findings().add(std::move(f));
        ++reported;
    }
    // Undo newest first, as a correct exit would (devices before classes).
    for (auto it = left.rbegin(); it != left.rend(); ++it)
        if (it->undo)
            it->undo();
    return reported;
}

} // namespace ksim
