// ___ratelimit(), __printk_ratelimit() and printk_timed_ratelimit()
// (mirrors lib/ratelimit.c and the rate-limit half of kernel/printk/printk.c).
// struct ratelimit_state is include/linux/ratelimit_types.h's layout; its
// `lock` word is taken with a try-lock as Linux's raw spinlock is.
#include "api/export.h"
#include "api/vsprintf.h"
#include "kernel/kernel.h"

#include <string>

extern "C" {
struct ratelimit_state {
    unsigned lock;
    int interval;
    int burst;
    int printed;
    int missed;
    unsigned long begin;
    unsigned long flags;
};
}

static_assert(sizeof(ratelimit_state) == sizeof(ksim::ApiState::RatelimitFields));

namespace ksim::api {

constexpr unsigned long hz = 250; // CONFIG_HZ
// include/linux/jiffies.h INITIAL_JIFFIES: five minutes before wrap-around.
constexpr unsigned long initial_jiffies =
    static_cast<unsigned long>(static_cast<unsigned>(-300 * static_cast<int>(hz)));

unsigned long jiffies_now() {
    return initial_jiffies + Kernel::active().clock().now_ns() / (1000000000UL / hz);
}

} // namespace ksim::api

using namespace ksim::api;

extern "C" {

int ___ratelimit(ratelimit_state* rs, const char* func) {
    int interval = __atomic_load_n(&rs->interval, __ATOMIC_RELAXED);
    int burst = __atomic_load_n(&rs->burst, __ATOMIC_RELAXED);
    if (interval == 0)
        return 1;
    // Contention means someone else is deciding right now: suppress, as
    // raw_spin_trylock failing does in Linux.
    unsigned expected = 0;
    if (!__atomic_compare_exchange_n(&rs->lock, &expected, 1, false, __ATOMIC_ACQUIRE,
                                     __ATOMIC_RELAXED))
        return 0;
    unsigned long now = jiffies_now();
    if (rs->begin == 0)
        rs->begin = now;
    std::string suppressed;
    if (static_cast<long>(now - (rs->begin + interval)) > 0) {
        if (rs->missed != 0 && !(rs->flags & 1 /* RATELIMIT_MSG_ON_RELEASE */)) {
            // lib/ratelimit.c prints this through printk_deferred.
            suppressed = kformat("\0014%s: %d callbacks suppressed\n", func, rs->missed);
            rs->missed = 0;
        }
        rs->begin = now;
        rs->printed = 0;
    }
    int ret;
    if (burst != 0 && burst > rs->printed) {
        ++rs->printed;
        ret = 1;
    } else {
        ++rs->missed;
        ret = 0;
    }
    __atomic_store_n(&rs->lock, 0, __ATOMIC_RELEASE);
    if (!suppressed.empty())
        ksim::Kernel::active().log().printk(suppressed);
    return ret;
}
EXPORT_SYMBOL_KSIM(___ratelimit)

int __printk_ratelimit(const char* func) {
    auto& fields = ksim::Kernel::active().api().printk_ratelimit;
    return ___ratelimit(reinterpret_cast<ratelimit_state*>(&fields), func);
}
EXPORT_SYMBOL_KSIM(__printk_ratelimit)

bool printk_timed_ratelimit(unsigned long* caller_jiffies, unsigned interval_msecs) {
    unsigned long now = jiffies_now();
    unsigned long span = (interval_msecs * hz + 999) / 1000;
    unsigned long last = *caller_jiffies;
    bool in_range = static_cast<long>(now - last) >= 0 && static_cast<long>(last + span - now) >= 0;
    if (last == 0 || !in_range) {
        *caller_jiffies = now;
        return true;
    }
    return false;
}
EXPORT_SYMBOL_KSIM(printk_timed_ratelimit)

} // extern "C"
