// SLUB debug reports for damaged red zones and poison; see slab_debug_report.h.
#include "check/slab_debug_report.h"

#include "check/fault_trap.h"
#include "check/stack_trace.h"
#include "kernel/findings.h"
#include "kernel/kernel.h"
#include "kernel/module.h"
#include "kernel/module_registry.h"
#include "kernel/module_source.h"
#include "kernel/slab.h"

#include <fmt/format.h>

#include <cctype>
#include <ctime>

namespace ksim {

namespace {

constexpr int kErr = 3;
constexpr int kWarn = 4;
constexpr int kDefault = 4; // dump_stack() prints at KERN_DEFAULT

// mm/slab_common.c kmalloc_info[]: "kmalloc-64", "kmalloc-1k"..., and the
// kmalloc_type() variants a gfp mask selects.
std::string cache_name(const Allocation& a) {
    if (a.kind == AllocKind::cache)
        return a.cache != nullptr ? a.cache->name : "<unknown>";
    std::string size = a.size_class >= 1024 ? fmt::format("{}k", a.size_class / 1024)
                                            : fmt::format("{}", a.size_class);
    if (a.gfp & 0x01u) // __GFP_DMA
        return "dma-kmalloc-" + size;
    if (a.gfp & 0x10u) // __GFP_RECLAIMABLE
        return "kmalloc-rcl-" + size;
    if (a.gfp & 0x400000u) // __GFP_ACCOUNT
        return "kmalloc-cg-" + size;
    return "kmalloc-" + size;
}

// lib/hexdump.c hex_dump_to_buffer(rowsize 16, groupsize 1, ascii): hex
// bytes, padded to column 49, then the printable characters.
std::string hex_row(const uint8_t* p, size_t len) {
    std::string hex, ascii;
    for (size_t i = 0; i < len; ++i) {
        hex += fmt::format("{}{:02x}", i ? " " : "", p[i]);
        ascii += (std::isprint(p[i]) && p[i] < 0x7f) ? static_cast<char>(p[i]) : '.';
    }
    hex.resize(49, ' ');
    return hex + ascii;
}

// print_section(): print_hex_dump(DUMP_PREFIX_ADDRESS) of one part.
void print_section(PrintkLog& log, const char* text, uintptr_t addr,
                   const std::vector<uint8_t>& bytes) {
    for (size_t i = 0; i < bytes.size(); i += 16)
        log.emit(kErr,
                 fmt::format("{}{:016x}: {}", text, addr + i,
                             hex_row(bytes.data() + i, std::min<size_t>(16, bytes.size() - i))));
}

// SLUB's age is in jiffies (HZ=250 on Debian); the virtual clock has no host
// time to compare with, so it says 0 there.
unsigned long age_jiffies(Kernel& kernel, uint64_t then_ns) {
    if (kernel.clock().is_virtual() || then_ns == 0)
        return 0;
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts); // the clock the allocator stamps with
    uint64_t now = uint64_t(ts.tv_sec) * 1'000'000'000u + uint64_t(ts.tv_nsec);
    return now > then_ns ? (now - then_ns) / 4'000'000 : 0;
}

// A call site as kmemleak names it: also in a module's freed __init text
// (objects allocated by init outlive it).
Where site_of(Kernel& kernel, uint64_t address) {
    {
        auto& registry = kernel.modules();
        std::unique_lock guard(registry.lock());
        for (const auto& m : registry.modules_locked())
            if (m->core.range.contains(address) || m->init.range.contains(address)) {
                Where w;
                w.symbol = module_symbol_string(*m, address);
                w.source = module_source_line(*m, address, true);
                w.module = m->name;
                return w;
            }
    }
    return locate(kernel, address);
}

// print_track(): the site, then the saved stack (ksim keeps the call site).
void print_track(Kernel& kernel, const char* what, uint64_t site, uint64_t ns, int pid) {
    Where w = site_of(kernel, site);
    kernel.log().emit(kErr, fmt::format("{} in {} age={} cpu=0 pid={}", what, w.symbol,
                                        age_jiffies(kernel, ns), pid));
    kernel.log().emit(kErr, " " + w.symbol);
}

// dump_stack() from where SLUB would print it: the allocator's own frames
// (the checks, ksim's bookkeeping) are left out; the trace starts at the
// exported function the module called (kfree, krealloc, ...), or at
// delete_module when rmmod found the damage.
void dump_stack(Kernel& kernel) {
    FaultRecord from;
    from.rbp = reinterpret_cast<uint64_t>(__builtin_frame_address(0));
    std::vector<Where> frames;
    for (uint64_t ret : walk_frames(kernel, from, current_entry_frame()))
        frames.push_back(locate(kernel, ret));
    size_t start = frames.size();
    for (size_t i = 0; i < frames.size(); ++i)
        if (!frames[i].module.empty()) {
            start = i == 0 ? 0 : i - 1;
            break;
        }
    if (start == frames.size())
        for (size_t i = 0; i < frames.size(); ++i)
            if (frames[i].symbol.starts_with("delete_module") ||
                frames[i].symbol.starts_with("load_module")) {
                start = i;
                break;
            }
    PrintkLog& log = kernel.log();
    log.emit(kDefault, cpu_line(kernel));
    log.emit(kDefault, "Hardware name: ksim");
    log.emit(kDefault, "Call Trace:");
    log.emit(kDefault, " <TASK>");
    // The trace ends at the loader, as Linux's ends at the syscall: what
    // called it is ksim's command line.
    for (size_t i = start; i < frames.size(); ++i) {
        log.emit(kDefault, " " + frames[i].symbol);
        if (frames[i].symbol.starts_with("delete_module") ||
            frames[i].symbol.starts_with("load_module"))
            break;
    }
    log.emit(kDefault, " </TASK>");
}

std::string with_source(const Where& w) {
    return w.source.empty() ? w.symbol : w.symbol + " (" + w.source + ")";
}

std::string what_happened(const SlabDamage& d) {
    const Allocation& a = d.object;
    switch (d.zone) {
    case DamageZone::left_redzone:
        if (a.free_ns != 0)
            return fmt::format("write before the start of a freed {}-byte object", a.size);
        return fmt::format("write before the start of a {}-byte object", a.size);
    case DamageZone::right_redzone:
    case DamageZone::kmalloc_redzone:
        if (a.free_ns != 0)
            return fmt::format("write past the end of a freed {}-byte object", a.size);
        return fmt::format("write past the end of a {}-byte object", a.size);
    case DamageZone::poison:
    case DamageZone::end_poison:
        break;
    }
    return fmt::format("write into a {}-byte object after it was freed", a.size);
}

std::string found_when(const SlabDamage& d, const Where& module_hint) {
    std::string when = d.when;
    if (when == "rmmod")
        return "found at rmmod" + (module_hint.module.empty() ? "" : " of " + module_hint.module);
    if (when == "quarantine")
        return "found when the freed object left the quarantine to be reused";
    return "found by " + when + "()";
}

void add_finding(Kernel& kernel, const SlabDamage& d, const std::string& cache) {
    const Allocation& a = d.object;
    Where alloc = site_of(kernel, a.call_site);
    bool after_free = d.zone == DamageZone::poison || d.zone == DamageZone::end_poison;
    Finding f;
    f.kind = after_free ? "use-after-free" : "slab-out-of-bounds";
    f.summary = fmt::format("BUG {}: {} overwritten: {}", cache, damage_zone_name(d.zone),
                            what_happened(d));
    f.location = with_source(alloc);
    f.module = alloc.module;
    long from = static_cast<long>(d.first - a.address);
    long to = static_cast<long>(d.last - a.address);
    f.details.push_back(fmt::format("bytes 0x{:x}-0x{:x} (offsets {}..{} of the object at 0x{:x}) "
                                    "hold 0x{:02x} instead of 0x{:02x}",
                                    d.first, d.last, from, to, a.address, d.found, d.expected));
    f.details.push_back("allocated at " + with_source(alloc));
    if (a.free_ns != 0) {
        Where freed = site_of(kernel, a.free_site);
        f.details.push_back("freed at " + with_source(freed));
        if (f.module.empty())
            f.module = freed.module;
    }
    Where hint = alloc.module.empty() && a.free_ns != 0 ? site_of(kernel, a.free_site) : alloc;
    f.details.push_back(found_when(d, hint));
    if (after_free)
        f.details.push_back("only writes after free are seen: reads of freed memory cannot be "
                            "caught without page protection, which slab objects lack");
    kernel.findings().add(std::move(f));
}

} // namespace

void report_slab_damage(Kernel& kernel, const SlabDamage& d) {
    PrintkLog& log = kernel.log();
    const Allocation& a = d.object;
    std::string cache = cache_name(a);
    // slab_bug(): the taint shown is the one before this report's own.
    log.emit(kErr, "=============================================================================");
    log.emit(kErr, fmt::format("BUG {} ({}): {} overwritten", cache, kernel.taint().describe(),
                               damage_zone_name(d.zone)));
    log.emit(kErr, "-----------------------------------------------------------------------------");
    log.emit(kErr, "");
    log.emit(kErr,
             fmt::format("0x{:016x}-0x{:016x} @offset={}. First byte 0x{:x} instead of 0x{:x}",
                         d.first, d.last, d.first - d.block, d.found, d.expected));
    // print_trailer()
    print_track(kernel, "Allocated", a.call_site, a.alloc_ns, a.pid);
    if (a.free_ns != 0)
        print_track(kernel, "Freed", a.free_site, a.free_ns, a.free_pid);
    // print_slab_info(): a notional struct slab (vmemmap address of the
    // object's page), flags as %pGp shows PG_slab in ZONE_NORMAL.
    uint64_t slab = 0xffffea0000000000ull + (a.address >> 12) * 64;
    log.emit(kErr, fmt::format("Slab 0x{:016x} objects={} used={} fp=0x{:016x} "
                               "flags=0x100000000000200(slab|node=0|zone=2)",
                               slab, d.slab_objects, d.slab_used, d.slab_free));
    log.emit(kErr, fmt::format("Object 0x{:016x} @offset={} fp=0x{:016x}", a.address,
                               a.address - d.block, uint64_t{0}));
    log.emit(kErr, "");
    print_section(log, "Redzone  ", a.address - d.left.size(), d.left);
    print_section(log, "Object   ", a.address, d.body);
    print_section(log, "Redzone  ", a.address + d.span, d.right);
    dump_stack(kernel);
    // add_taint(TAINT_BAD_PAGE, LOCKDEP_NOW_UNRELIABLE)
    kernel.taint().add(TaintFlag::BadPage);
    if (kernel.taint().turn_off_lock_debugging())
        log.emit(kWarn, "Disabling lock debugging due to kernel taint");
    // restore_bytes() / free_debug_processing()
    log.emit(kErr, fmt::format("FIX {}: Restoring {} 0x{:016x}-0x{:016x}=0x{:x}", cache,
                               damage_zone_name(d.zone), d.first, d.last, d.expected));
    if (d.not_freed)
        log.emit(kErr, fmt::format("FIX {}: Object at 0x{:016x} not freed", cache, a.address));
    add_finding(kernel, d, cache);
}

} // namespace ksim
