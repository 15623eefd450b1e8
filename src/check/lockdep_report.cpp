// lockdep's reports; see lockdep_report.h.
#include "check/lockdep_report.h"

#include "check/fault_trap.h"
#include "check/stack_trace.h"
#include "kernel/findings.h"
#include "kernel/kernel.h"
#include "kernel/task.h"

#include <fmt/format.h>

#include <algorithm>

namespace ksim {

namespace {

constexpr int kWarn = 4;

std::string lock_name(const char* name) {
    return name != nullptr ? name : "(null)";
}

// lockdep's wait types (include/linux/lockdep_types.h): spinning locks are
// LD_WAIT_SPIN (2; LD_WAIT_CONFIG is the same without
// PROVE_RAW_LOCK_NESTING), sleeping ones LD_WAIT_SLEEP (3).
int wait_type(LockKind kind) {
    return kind == LockKind::Spin || kind == LockKind::RwLock ? 2 : 3;
}

// get_usage_chars(): hardirq write/read, softirq write/read; '+' when the
// lock was taken with that kind of interrupt enabled. ksim shows this
// acquisition's usage, where lockdep shows its class's history.
std::string usage_chars(const HeldLock& lock) {
    std::string usage = "....";
    if (lock.trylock)
        return usage;
    int at = lock.read ? 1 : 0;
    if (lock.irqs_on)
        usage[at] = '+';
    if (lock.softirqs_on)
        usage[2 + at] = '+';
    return usage;
}

// print_lock(): "ffff888102bb3630 (&dev->lock){+.+.}-{3:3}, at: fn+0x21/0x60 [mod]"
std::string lock_line(Kernel& kernel, const HeldLock& lock) {
    int wait = wait_type(lock.kind);
    return fmt::format("{:016x} ({}){{{}}}-{{{}:{}}}, at: {}",
                       reinterpret_cast<uintptr_t>(lock.instance), lock.name, usage_chars(lock),
                       wait, wait, locate(kernel, lock.acquire_ip).symbol);
}

// print_kernel_ident(): release, the first word of the version, taint.
std::string kernel_ident(Kernel& kernel) {
    return fmt::format("{} #1 {}", kernel.config().release, kernel.taint().describe());
}

std::string task_ident(const task_struct& task) {
    return fmt::format("{}/{}", task.comm, task.pid);
}

// lockdep_print_held_locks()
void log_held_locks(Kernel& kernel, const task_struct& task, const std::vector<HeldLock>& held) {
    PrintkLog& log = kernel.log();
    if (held.empty()) {
        log.emit(kWarn, fmt::format("no locks held by {}.", task_ident(task)));
        return;
    }
    log.emit(kWarn, fmt::format("{} lock{} held by {}:", held.size(), held.size() > 1 ? "s" : "",
                                task_ident(task)));
    for (size_t i = 0; i < held.size(); ++i)
        log.emit(kWarn, fmt::format(" #{}: {}", i, lock_line(kernel, held[i])));
}

// "fn+0x1a/0x40 [mod] (file.c:12)": a call site for a finding.
std::string site(const Where& where) {
    return where.source.empty() ? where.symbol : where.symbol + " (" + where.source + ")";
}

HeldLock held_lock_for(Kernel& kernel, const LockOp& op, bool trylock) {
    const task_struct& task = kernel.tasks().current();
    HeldLock lock;
    lock.instance = op.instance;
    lock.name = lock_name(op.name);
    lock.kind = op.kind;
    lock.read = op.read;
    lock.irqs_on = task.ksim_irqs_disabled == 0;
    lock.softirqs_on = (task.ksim_preempt_count & 0xff00) == 0; // no local_bh_disable()
    lock.trylock = trylock;
    lock.acquire_ip = op.ip;
    return lock;
}

void report_unlock_imbalance(Kernel& kernel, const LockOp& op) {
    const task_struct& task = kernel.tasks().current();
    PrintkLog& log = kernel.log();
    Where where = locate(kernel, op.ip);
    log.emit(kWarn, "");
    log.emit(kWarn, "=====================================");
    log.emit(kWarn, "WARNING: bad unlock balance detected!");
    log.emit(kWarn, kernel_ident(kernel));
    log.emit(kWarn, "-------------------------------------");
    log.emit(kWarn, fmt::format("{} is trying to release lock ({}) at:", task_ident(task),
                                lock_name(op.name)));
    // print_ip_sym()
    log.emit(kWarn, fmt::format("[<{:016x}>] {}", op.ip, where.symbol));
    log.emit(kWarn, "but there are no more locks to release!");
    log.emit(kWarn, "");
    log.emit(kWarn, "other info that might help us debug this:");
    log_held_locks(kernel, task, kernel.locks().held(task));
    log.emit(kWarn, "");
    log.emit(kWarn, "stack backtrace:");
    log_stack_dump(kernel, kWarn, op.frame, current_entry_frame());

    Finding f;
    f.kind = "lockdep";
    f.summary = fmt::format("bad unlock balance: {} releases lock ({}) it does not hold",
                            task_ident(task), lock_name(op.name));
    f.module = where.module;
    f.location = site(where);
    kernel.findings().add(std::move(f));
}

} // namespace

bool check_recursive_locking(Kernel& kernel, const LockOp& op) {
    const task_struct& task = kernel.tasks().current();
    std::optional<HeldLock> prev = kernel.locks().holding(task, op.instance);
    // Recursive readers of an rwlock_t are allowed (lockdep's read == 2).
    if (!prev || (op.kind == LockKind::RwLock && op.read && prev->read))
        return false;
    HeldLock next = held_lock_for(kernel, op, false);
    PrintkLog& log = kernel.log();
    log.emit(kWarn, "");
    log.emit(kWarn, "============================================");
    log.emit(kWarn, "WARNING: possible recursive locking detected");
    log.emit(kWarn, kernel_ident(kernel));
    log.emit(kWarn, "--------------------------------------------");
    log.emit(kWarn, fmt::format("{} is trying to acquire lock:", task_ident(task)));
    log.emit(kWarn, lock_line(kernel, next));
    log.emit(kWarn, "");
    log.emit(kWarn, "but task is already holding lock:");
    log.emit(kWarn, lock_line(kernel, *prev));
    log.emit(kWarn, "");
    log.emit(kWarn, "other info that might help us debug this:");
    // print_deadlock_scenario()
    log.emit(kWarn, " Possible unsafe locking scenario:");
    log.emit(kWarn, "");
    log.emit(kWarn, "       CPU0");
    log.emit(kWarn, "       ----");
    log.emit(kWarn, fmt::format("  lock({});", next.name));
    log.emit(kWarn, fmt::format("  lock({});", next.name));
    log.emit(kWarn, "");
    log.emit(kWarn, " *** DEADLOCK ***");
    log.emit(kWarn, "");
    log.emit(kWarn, " May be due to missing lock nesting notation");
    log.emit(kWarn, "");
    log_held_locks(kernel, task, kernel.locks().held(task));
    log.emit(kWarn, "");
    log.emit(kWarn, "stack backtrace:");
    log_stack_dump(kernel, kWarn, op.frame, current_entry_frame());

    Where again = locate(kernel, op.ip);
    Finding f;
    f.kind = "lockdep";
    f.summary = fmt::format("possible recursive locking detected: {} takes lock ({}) it already "
                            "holds; the task would hang forever, ksim killed it",
                            task_ident(task), next.name);
    f.module = again.module;
    f.location = site(again);
    f.details.push_back("  first taken at " + site(locate(kernel, prev->acquire_ip)));
    f.details.push_back("  taken again at " + site(again));
    kernel.findings().add(std::move(f));
    return true;
}

void note_lock_acquired(Kernel& kernel, const LockOp& op, bool trylock) {
    kernel.locks().acquired(kernel.tasks().current(), held_lock_for(kernel, op, trylock));
}

bool note_lock_released(Kernel& kernel, const LockOp& op) {
    if (kernel.locks().released(kernel.tasks().current(), op.instance))
        return true;
    report_unlock_imbalance(kernel, op);
    return false;
}

bool note_lock_downgraded(Kernel& kernel, const LockOp& op) {
    if (kernel.locks().downgraded(kernel.tasks().current(), op.instance))
        return true;
    report_unlock_imbalance(kernel, op);
    return false;
}

bool check_locks_at_user_return(Kernel& kernel) {
    const task_struct& task = kernel.tasks().current();
    std::vector<HeldLock> held = kernel.locks().held(task);
    // A lock kept from open() to release() is reported once, at the first
    // return; lockdep is off after it in Linux anyway.
    if (std::none_of(held.begin(), held.end(), [](const HeldLock& l) { return !l.reported; }))
        return false;
    PrintkLog& log = kernel.log();
    log.emit(kWarn, "");
    log.emit(kWarn, "================================================");
    log.emit(kWarn, "WARNING: lock held when returning to user space!");
    log.emit(kWarn, kernel_ident(kernel));
    log.emit(kWarn, "------------------------------------------------");
    log.emit(kWarn,
             fmt::format("{} is leaving the kernel with locks still held!", task_ident(task)));
    log_held_locks(kernel, task, held);

    Where first = locate(kernel, held.front().acquire_ip);
    Finding f;
    f.kind = "lockdep";
    f.summary = fmt::format("lock held when returning to user space: {} still holds ({})",
                            task_ident(task), held.front().name);
    for (size_t i = 1; i < held.size(); ++i)
        f.summary += fmt::format(", ({})", held[i].name);
    f.module = first.module;
    f.location = site(first);
    for (const HeldLock& lock : held)
        f.details.push_back(
            fmt::format("  {} taken at {}", lock.name, site(locate(kernel, lock.acquire_ip))));
    kernel.findings().add(std::move(f));
    kernel.locks().mark_reported(task);
    return true;
}

void kill_deadlocked_task() {
    abandon_guarded_region();
}

} // namespace ksim
