// Kernel timers and jiffies conversions (kernel/time/timer.c, time.c): the
// exported half of include/linux/timer.h and jiffies.h. The timers
// themselves are kept and fired by the kernel's Softirq (kernel/softirq.h).
//
// Context: mod_timer(), del_timer() from any context; del_timer_sync()
// waits for a running callback and so must not be called from it.
#include "api/export.h"
#include "kernel/kernel.h"
#include "kernel/softirq.h"

#include "../../include/ksim/deferred_abi.h"

#include <climits>
#include <cstring>

extern "C" {
extern uint64_t jiffies_64;
extern unsigned long jiffies;
}

namespace {

constexpr unsigned timer_init_flags = 0x00080000 | 0x00100000 | 0x00200000;
constexpr unsigned long max_jiffy_offset = (LONG_MAX >> 1) - 1;
constexpr unsigned msecs_per_jiffy = 1000 / 250;
constexpr unsigned usecs_per_jiffy = 1000000 / 250;

ksim::Softirq& softirq() {
    return ksim::Kernel::active().softirq();
}

} // namespace

extern "C" {

struct lock_class_key;

void init_timer_key(struct timer_list* timer, void (*func)(struct timer_list*), unsigned int flags,
                    const char*, struct lock_class_key*) {
    timer->entry.pprev = nullptr;
    timer->entry.next = nullptr;
    timer->function = func;
    timer->flags = flags & timer_init_flags;
    softirq().note_setup(timer, reinterpret_cast<uint64_t>(__builtin_return_address(0)));
}

int mod_timer(struct timer_list* timer, unsigned long expires) {
    return softirq().mod_timer(timer, expires) ? 1 : 0;
}

int mod_timer_pending(struct timer_list* timer, unsigned long expires) {
    return softirq().mod_timer(timer, expires, true) ? 1 : 0;
}

// Only ever brings a pending timer's expiry forward.
int timer_reduce(struct timer_list* timer, unsigned long expires) {
    if (timer->entry.pprev != nullptr && static_cast<long>(expires - timer->expires) >= 0)
        return 1;
    return softirq().mod_timer(timer, expires) ? 1 : 0;
}

void add_timer(struct timer_list* timer) {
    softirq().mod_timer(timer, timer->expires);
}

// ksim has one CPU.
void add_timer_on(struct timer_list* timer, int) {
    add_timer(timer);
}

int del_timer(struct timer_list* timer) {
    return softirq().del_timer(timer) ? 1 : 0;
}

int try_to_del_timer_sync(struct timer_list* timer) {
    return softirq().try_to_del_timer_sync(timer);
}

int del_timer_sync(struct timer_list* timer) {
    return softirq().del_timer_sync(timer) ? 1 : 0;
}

// kernel/time/time.c conversions at HZ=250.
unsigned int jiffies_to_msecs(const unsigned long j) {
    return static_cast<unsigned>(j * msecs_per_jiffy);
}

unsigned int jiffies_to_usecs(const unsigned long j) {
    return static_cast<unsigned>(j * usecs_per_jiffy);
}

uint64_t jiffies64_to_nsecs(uint64_t j) {
    return j * ksim::jiffy_ns;
}

uint64_t jiffies64_to_msecs(uint64_t j) {
    return j * msecs_per_jiffy;
}

unsigned long __msecs_to_jiffies(const unsigned int m) {
    if (static_cast<int>(m) < 0)
        return max_jiffy_offset;
    return (m + msecs_per_jiffy - 1) / msecs_per_jiffy;
}

unsigned long __usecs_to_jiffies(const unsigned int u) {
    if (u > jiffies_to_usecs(max_jiffy_offset))
        return max_jiffy_offset;
    return (u + usecs_per_jiffy - 1) / usecs_per_jiffy;
}

unsigned long nsecs_to_jiffies(uint64_t n) {
    return static_cast<unsigned long>(n / ksim::jiffy_ns);
}

uint64_t nsecs_to_jiffies64(uint64_t n) {
    return n / ksim::jiffy_ns;
}

// kernel/time/timer.c round_jiffies(): to a whole second (one CPU, no
// skew); within the first quarter second it rounds down.
unsigned long round_jiffies(unsigned long j) {
    unsigned long original = j;
    unsigned long rem = j % 250;
    j = rem < 250 / 4 ? j - rem : j - rem + 250;
    unsigned long now = softirq().jiffies();
    return static_cast<long>(j - now) <= 0 ? original : j;
}

unsigned long round_jiffies_relative(unsigned long j) {
    unsigned long now = softirq().jiffies();
    return round_jiffies(j + now) - now;
}

unsigned long round_jiffies_up(unsigned long j) {
    unsigned long original = j;
    unsigned long rem = j % 250;
    if (rem != 0)
        j = j - rem + 250;
    unsigned long now = softirq().jiffies();
    return static_cast<long>(j - now) <= 0 ? original : j;
}

unsigned long round_jiffies_up_relative(unsigned long j) {
    unsigned long now = softirq().jiffies();
    return round_jiffies_up(j + now) - now;
}

} // extern "C"

EXPORT_SYMBOL_KSIM(jiffies)
EXPORT_SYMBOL_KSIM(jiffies_64)
EXPORT_SYMBOL_KSIM(init_timer_key)
EXPORT_SYMBOL_KSIM(mod_timer)
EXPORT_SYMBOL_KSIM(mod_timer_pending)
EXPORT_SYMBOL_KSIM(timer_reduce)
EXPORT_SYMBOL_KSIM(add_timer)
EXPORT_SYMBOL_GPL_KSIM(add_timer_on)
EXPORT_SYMBOL_KSIM(del_timer)
EXPORT_SYMBOL_KSIM(try_to_del_timer_sync)
EXPORT_SYMBOL_KSIM(del_timer_sync)
EXPORT_SYMBOL_KSIM(jiffies_to_msecs)
EXPORT_SYMBOL_KSIM(jiffies_to_usecs)
EXPORT_SYMBOL_KSIM(jiffies64_to_nsecs)
EXPORT_SYMBOL_KSIM(jiffies64_to_msecs)
EXPORT_SYMBOL_KSIM(__msecs_to_jiffies)
EXPORT_SYMBOL_KSIM(__usecs_to_jiffies)
EXPORT_SYMBOL_GPL_KSIM(nsecs_to_jiffies)
EXPORT_SYMBOL_KSIM(nsecs_to_jiffies64)
EXPORT_SYMBOL_KSIM(round_jiffies)
EXPORT_SYMBOL_KSIM(round_jiffies_relative)
EXPORT_SYMBOL_KSIM(round_jiffies_up)
EXPORT_SYMBOL_KSIM(round_jiffies_up_relative)
