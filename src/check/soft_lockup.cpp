// The soft-lockup watchdog; see soft_lockup.h.
#include "check/soft_lockup.h"

#include "check/stack_trace.h"
#include "kernel/findings.h"
#include "kernel/kernel.h"
#include "kernel/task.h"

#include <fmt/format.h>
#include <pthread.h>

#include <chrono>
#include <csignal>
#include <unordered_map>
#include <vector>

namespace ksim {

namespace {

using SteadyClock = std::chrono::steady_clock;

// How often a stuck task that was not in module code is signalled again.
constexpr auto kRetry = std::chrono::milliseconds(10);

} // namespace

SoftLockupWatchdog::SoftLockupWatchdog(Kernel& kernel, unsigned threshold_secs)
    : m_kernel(kernel), m_threshold(threshold_secs) {}

SoftLockupWatchdog::~SoftLockupWatchdog() {
    stop();
}

void SoftLockupWatchdog::stop() {
    {
        std::lock_guard guard(m_lock);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void SoftLockupWatchdog::ensure_running() {
    if (m_threshold == 0 || m_started.load(std::memory_order_acquire))
        return;
    std::lock_guard guard(m_lock);
    if (m_started.load() || m_stop)
        return;
    m_started.store(true, std::memory_order_release);
    m_thread = std::thread([this] { watch(); });
}

// watchdog_timer_fn(): every sample period (a fifth of the threshold), each
// task in module code whose schedule count has not moved since the last
// period keeps its "stuck since"; past the threshold it is reported.
void SoftLockupWatchdog::watch() {
    struct Seen {
        uint64_t count = 0;
        SteadyClock::time_point since;
        SteadyClock::time_point signalled;
        bool reported = false;
    };
    std::unordered_map<const TaskRuntime*, Seen> seen;
    const auto threshold = std::chrono::seconds(m_threshold);
    const auto period = std::chrono::milliseconds(m_threshold * 1000 / 5);
    std::unique_lock lock(m_lock);
    while (!m_stop) {
        bool pending = false;
        for (const auto& [rt, s] : seen)
            pending = pending || s.reported;
        m_wake.wait_for(lock, pending ? std::chrono::milliseconds(kRetry) : period);
        if (m_stop)
            break;
        lock.unlock();
        const auto now = SteadyClock::now();
        m_kernel.tasks().for_each([&](task_struct&, TaskRuntime& rt) {
            if (rt.guarded_depth.load() == 0 || rt.sleeping.load() > 0) {
                seen.erase(&rt);
                return;
            }
            const uint64_t count = rt.schedule_count.load();
            auto [it, fresh] = seen.try_emplace(&rt);
            Seen& s = it->second;
            if (fresh || s.count != count) {
                s = Seen{count, now, {}, false};
                return;
            }
            if (now - s.since < threshold)
                return;
            if (!s.reported) {
                auto secs = std::chrono::duration_cast<std::chrono::seconds>(now - s.since);
                rt.lockup_seconds.store(static_cast<unsigned>(secs.count()));
                s.reported = true;
            } else if (now - s.signalled < kRetry) {
                return;
            }
            s.signalled = now;
            pthread_kill(rt.thread, watchdog_signal());
        });
        lock.lock();
    }
}

void note_schedule(Kernel& kernel) {
    kernel.tasks().current_runtime().schedule_count.fetch_add(1, std::memory_order_relaxed);
}

int report_soft_lockup(Kernel& kernel, const FaultRecord& r, uint64_t entry_frame) {
    PrintkLog& log = kernel.log();
    const task_struct& task = kernel.tasks().current();
    unsigned secs = kernel.tasks().current_runtime().lockup_seconds.load();
    if (kernel.clock().is_virtual()) {
        // Deterministic output: the task was stuck for exactly the
        // threshold, and kernel time moved on by as much.
        secs = kernel.watchdog().threshold_secs();
        kernel.clock().advance(uint64_t(secs) * 1000000000);
    }
    // pr_emerg() with watchdog.c's pr_fmt "watchdog: ".
    std::string headline = fmt::format("watchdog: BUG: soft lockup - CPU#0 stuck for {}s! [{}:{}]",
                                       secs, task.comm, task.pid);
    log.emit(0, headline);
    log.emit(4, modules_linked_in(kernel));
    // show_regs(): the interrupted context, then its call trace.
    log.emit(4, cpu_line(kernel));
    log.emit(4, "Hardware name: ksim");
    Where rip = locate(kernel, r.rip, false);
    for (const auto& line : register_lines(r, rip.symbol))
        log.emit(4, line);
    log.emit(4, "Call Trace:");
    log.emit(4, " <TASK>");
    std::vector<Where> frames;
    for (uint64_t ret : walk_frames(kernel, r, entry_frame)) {
        frames.push_back(locate(kernel, ret));
        log.emit(4, " " + frames.back().symbol);
    }
    log.emit(4, " </TASK>");
    kernel.taint().add(TaintFlag::SoftLockup);

    Finding f =
        trace_finding("soft-lockup", headline.substr(10) + " in " + rip.symbol, rip, frames);
    f.details.push_back(fmt::format(
        "the task ran module code for {} s without scheduling (threshold --soft-lockup {}); the "
        "real kernel leaves it spinning and reports again; ksim killed it to go on",
        secs, kernel.watchdog().threshold_secs()));
    f.details.push_back(fmt::format("task {} (pid {}) was killed", task.comm, task.pid));
    kernel.findings().add(std::move(f));
    return SIGKILL;
}

} // namespace ksim
