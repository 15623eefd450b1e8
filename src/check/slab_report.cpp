// KASAN-style bad-free reports; see slab_report.h.
#include "check/slab_report.h"

#include "check/fault_trap.h"
#include "check/slab_debug_report.h"
#include "check/stack_trace.h"
#include "kernel/findings.h"
#include "kernel/kernel.h"
#include "kernel/slab.h"
#include "kernel/task.h"

#include <fmt/format.h>

namespace ksim {

namespace {

constexpr int kErr = 3;
const char* const kRule = "==================================================================";

void report(Kernel& kernel, const BadFree& bad) {
    PrintkLog& log = kernel.log();
    const char* what = bad.status == FreeStatus::double_free ? "double-free" : "invalid-free";
    Where where = locate(kernel, bad.call_site);
    const task_struct& task = kernel.tasks().current();
    std::string headline = fmt::format("BUG: KASAN: {} in {}", what, where.symbol);
    log.emit(kErr, kRule);
    log.emit(kErr, headline);
    log.emit(kErr, fmt::format("Free of addr {:016x} by task {}/{}", bad.address, task.comm,
                               task.pid));
    log.emit(kErr, "");
    log.emit(kErr, cpu_line(kernel));
    log.emit(kErr, "Hardware name: ksim");
    log.emit(kErr, "Call Trace:");
    log.emit(kErr, " <TASK>");
    log.emit(kErr, " " + where.symbol);
    log.emit(kErr, " </TASK>");
    Finding f;
    f.kind = what;
    f.summary = headline;
    f.module = where.module;
    f.location = where.source.empty() ? where.symbol : where.symbol + " (" + where.source + ")";
    if (bad.previous) {
        Where alloc = locate(kernel, bad.previous->call_site);
        log.emit(kErr, "");
        log.emit(kErr, fmt::format("Allocated by task {}:", bad.previous->pid));
        log.emit(kErr, " " + alloc.symbol);
        f.details.push_back("allocated at " + alloc.symbol +
                            (alloc.source.empty() ? "" : " (" + alloc.source + ")"));
        if (bad.previous->free_site != 0) {
            Where freed = locate(kernel, bad.previous->free_site);
            log.emit(kErr, "");
            log.emit(kErr, "Freed by task:");
            log.emit(kErr, " " + freed.symbol);
            f.details.push_back("first freed at " + freed.symbol +
                                (freed.source.empty() ? "" : " (" + freed.source + ")"));
        }
        log.emit(kErr, "");
        log.emit(kErr, fmt::format("The buggy address belongs to the object at {:016x}",
                                   bad.previous->address));
        log.emit(kErr, fmt::format(" which belongs to the cache kmalloc-{} of size {}",
                                   bad.previous->size_class, bad.previous->size_class));
    }
    log.emit(kErr, kRule);
    kernel.taint().add(TaintFlag::BadPage);
    kernel.findings().add(std::move(f));
}

} // namespace

void install_slab_reports(Kernel& kernel) {
    kernel.slab().set_bad_free_handler([&kernel](const BadFree& bad) { report(kernel, bad); });
    kernel.slab().set_damage_handler(
        [&kernel](const SlabDamage& damage) { report_slab_damage(kernel, damage); });
}

} // namespace ksim
