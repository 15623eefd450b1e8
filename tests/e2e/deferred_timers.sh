#!/bin/bash
# Kernel timers and tasklets: an LDD3-style timer that re-arms itself with
# msecs_to_jiffies() runs its callback in softirq context on ksoftirqd/0;
# sleeping there is "scheduling while atomic"; an Oops in a callback is
# reported with that task's Comm and the callback's RIP and the kernel goes
# on; a timer or tasklet left armed at rmmod (or by a failed init) is a
# finding and is cancelled, so the module loads again; the virtual clock
# fires timers at their expiry, reproducibly.
. "$(dirname "$0")/lib.sh"
out="$KSIM_TEST_TMP/out"
m="$KSIM_TEST_TMP/tm"
mkdir -p "$m"
cat >"$m/tm.c" <<'C'
#include <linux/module.h>
#include <linux/init.h>
#include <linux/timer.h>
#include <linux/jiffies.h>
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/mutex.h>
static int mode;
module_param(mode, int, 0444);
static struct tm_dev {
	int magic;
	struct timer_list timer;
} tm_dev = { .magic = 42 };
#define tm_timer tm_dev.timer
static int fired;
static unsigned long armed_at;
static DEFINE_MUTEX(tm_lock);
static void tm_fn(struct timer_list *t)
{
	struct tm_dev *dev = from_timer(dev, t, timer);

	fired++;
	pr_info("tm: fired %d in_softirq=%d in_interrupt=%d early=%d magic=%d\n", fired,
		!!in_softirq(), !!in_interrupt(), time_before(jiffies, armed_at + msecs_to_jiffies(20)),
		dev->magic);
	if (mode == 1)
		msleep(1);
	if (mode == 2)
		*(volatile int *)0 = 1;
	if (mode == 6)
		mdelay(150);
	if (mode == 7) {
		mutex_lock(&tm_lock);
		mutex_unlock(&tm_lock);
	}
	if (fired < 3) {
		armed_at = jiffies;
		mod_timer(&tm_timer, jiffies + msecs_to_jiffies(20));
	}
}
static void tm_tasklet_fn(struct tasklet_struct *t)
{
	pr_info("tm: tasklet in_softirq=%d\n", !!in_softirq());
}
static DECLARE_TASKLET(tm_tasklet, tm_tasklet_fn);
static DECLARE_TASKLET_DISABLED(tm_tasklet_off, tm_tasklet_fn);
static int __init tm_init(void)
{
	timer_setup(&tm_timer, tm_fn, 0);
	armed_at = jiffies;
	mod_timer(&tm_timer, jiffies + msecs_to_jiffies(20));
	pr_info("tm: armed, pending=%d, 100ms=%lu jiffies, HZ=%d\n", timer_pending(&tm_timer),
		msecs_to_jiffies(100), HZ);
	tasklet_schedule(&tm_tasklet);
	if (mode == 4)
		tasklet_schedule(&tm_tasklet_off);
	if (mode == 5)
		return -EBUSY;
	return 0;
}
static void __exit tm_exit(void)
{
	if (mode == 6)
		del_timer(&tm_timer);
	else if (mode != 3)
		del_timer_sync(&tm_timer);
	if (mode != 4)
		tasklet_kill(&tm_tasklet_off);
	tasklet_kill(&tm_tasklet);
	pr_info("tm: exit after %d, pending=%d\n", fired, timer_pending(&tm_timer));
}
module_init(tm_init);
module_exit(tm_exit);
MODULE_LICENSE("GPL");
C
echo 'obj-m := tm.o' >"$m/Makefile"

# Three firings, each in softirq context and not early; then a clean exit.
rc=$(run_to "$out" "$KSIM" run -t "$m" -c 'insmod tm.ko; sleep 0.3; rmmod tm')
[ "$rc" = 0 ] || { cat "$out"; fail "clean: exit $rc"; }
expect_line "$out" 'tm: armed, pending=1, 100ms=25 jiffies, HZ=250'
expect_line "$out" 'tm: tasklet in_softirq=1'
for n in 1 2 3; do
    expect_line "$out" "tm: fired $n in_softirq=1 in_interrupt=1 early=0 magic=42"
done
expect_line "$out" 'tm: exit after 3, pending=0'
expect_line "$out" 'no findings'

# Sleeping in the callback: Linux's report for schedule() in softirq.
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -c 'insmod tm.ko mode=1; sleep 0.3; rmmod tm')
[ "$rc" = 3 ] || { cat "$out"; fail "sleep in timer: exit $rc"; }
grep -qE '^BUG: scheduling while atomic: ksoftirqd/0/[0-9]+/0x00000101$' "$out" ||
    { cat "$out"; fail "scheduling while atomic"; }
grep -qE '^ tm_fn\+0x[0-9a-f]+/0x[0-9a-f]+ \[tm\]$' "$out" || fail "trace names the callback"
expect_line "$out" ' call_timer_fn+0x6/0x8'
[ "$(grep -c '] sleep-in-atomic: BUG: scheduling while atomic' "$out")" = 3 ] || fail "three findings"

# A might_sleep() function (mutex_lock) in the callback.
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -c 'insmod tm.ko mode=7; sleep 0.05; rmmod tm')
[ "$rc" = 3 ] || { cat "$out"; fail "mutex in timer: exit $rc"; }
grep -qE '^BUG: sleeping function called from invalid context at kernel/locking/mutex\.c:[0-9]+$' "$out" ||
    { cat "$out"; fail "sleeping function"; }
grep -qE '^in_atomic\(\): 1, irqs_disabled\(\): 0, non_block: 0, pid: [0-9]+, name: ksoftirqd/0$' "$out" ||
    fail "in_atomic line"
expect_line "$out" 'preempt_count: 100, expected: 0'

# An Oops in the callback: reported for ksoftirqd/0, the kernel goes on.
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -c 'insmod tm.ko mode=2; sleep 0.2; lsmod;
    rmmod tm; insmod tm.ko; sleep 0.2; rmmod tm')
[ "$rc" = 3 ] || { cat "$out"; fail "oops in timer: exit $rc"; }
expect_line "$out" 'BUG: kernel NULL pointer dereference, address: 0000000000000000'
grep -qE '^CPU: 0 PID: [0-9]+ Comm: ksoftirqd/0 Tainted: ' "$out" || fail "Comm ksoftirqd/0"
grep -qE '^RIP: 0010:tm_fn\+0x[0-9a-f]+/0x[0-9a-f]+ \[tm\]$' "$out" || fail "RIP in tm_fn"
expect_line "$out" 'tm: exit after 1, pending=0'
# The second load's timer still fires: the softirq thread survived.
expect_line "$out" 'tm: fired 3 in_softirq=1 in_interrupt=1 early=0 magic=42'
expect_line "$out" 'tm: exit after 3, pending=0'

# Forgetting del_timer_sync() / tasklet_kill(): findings, then cancelled.
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -c 'insmod tm.ko mode=3; rmmod tm; sleep 0.1;
    insmod tm.ko; sleep 0.3; rmmod tm')
[ "$rc" = 3 ] || { cat "$out"; fail "forgotten timer: exit $rc"; }
grep -qE "\] deferred-leak: timer tm_fn \[tm\] still armed at rmmod of tm, set up at .*/tm\.c:49\$" \
    "$out" || { cat "$out"; fail "timer finding"; }
expect_text "$out" 'on Linux it would fire into the freed module memory: an Oops once that memory is unmapped or reused'
expect_text "$out" 'ksim has deleted it (del_timer_sync)'
expect_line "$out" 'tm: exit after 0, pending=1'
# Nothing fired into the unloaded module; the second load works.
expect_no_text "$out" 'BUG: '
expect_line "$out" 'tm: fired 3 in_softirq=1 in_interrupt=1 early=0 magic=42'
[ "$(grep -c '] deferred-leak: ' "$out")" = 1 ] || fail "one finding"

# A disabled tasklet left scheduled; a failed init that leaves its timer.
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -c 'insmod tm.ko mode=4; rmmod tm')
[ "$rc" = 3 ] || { cat "$out"; fail "tasklet: exit $rc"; }
grep -qE "\] deferred-leak: tasklet tm_tasklet_fn \[tm\] still scheduled at rmmod of tm, set up at .*/tm\.c:" \
    "$out" || { cat "$out"; fail "tasklet finding"; }
expect_text "$out" 'ksim has killed it (tasklet_kill)'
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -c 'insmod tm.ko mode=5; insmod tm.ko; rmmod tm')
[ "$rc" = 3 ] || { cat "$out"; fail "failed init: exit $rc"; }
grep -qE "\] deferred-leak: timer tm_fn \[tm\] still armed after the failed init of tm, set up at .*/tm\.c:49\$" \
    "$out" || { cat "$out"; fail "failed-init finding"; }

# del_timer() in exit while the callback runs (and re-arms): the classic
# race; ksim waits for the callback and deletes what it re-armed.
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -c 'insmod tm.ko mode=6; sleep 0.08; rmmod tm;
    sleep 0.1')
[ "$rc" = 3 ] || { cat "$out"; fail "mode=6: exit $rc"; }
grep -qE "\] deferred-leak: timer tm_fn \[tm\] still running its callback at rmmod of tm, set up at .*/tm\.c:4[0-9]\$" \
    "$out" || { cat "$out"; fail "running-callback finding"; }
expect_text "$out" 'del_timer() does not wait for a running callback (del_timer_sync() does)'
expect_text "$out" 'ksim has waited for it to return'
[ "$(grep -c '^tm: fired' "$out")" = 1 ] || fail "the re-armed timer never fired"
expect_no_text "$out" 'BUG: '

# Virtual clock: each firing exactly at its expiry, the same bytes twice.
"$KSIM" run --no-build --virtual-clock "$m" -c 'insmod tm.ko; sleep 1; rmmod tm' >"$out.1" 2>&1
"$KSIM" run --no-build --virtual-clock "$m" -c 'insmod tm.ko; sleep 1; rmmod tm' >"$out.2" 2>&1
cmp -s "$out.1" "$out.2" || { diff "$out.1" "$out.2"; fail "virtual clock runs differ"; }
grep -qE '^\[    0\.02[0-9]{4}\] tm: fired 1 ' "$out.1" || { cat "$out.1"; fail "first at 20 ms"; }
grep -qE '^\[    0\.06[0-9]{4}\] tm: fired 3 ' "$out.1" || fail "third at 60 ms"
# A callback that returns holding a spinlock: call_timer_fn()'s preempt leak.
p="$KSIM_TEST_TMP/leak"
mkdir -p "$p"
cat >"$p/leak.c" <<'C'
#include <linux/module.h>
#include <linux/timer.h>
#include <linux/spinlock.h>
static struct timer_list leak_timer;
static DEFINE_SPINLOCK(leak_lock);
static void leak_fn(struct timer_list *t)
{
	spin_lock(&leak_lock);
}
static int __init leak_init(void)
{
	timer_setup(&leak_timer, leak_fn, 0);
	mod_timer(&leak_timer, jiffies + 1);
	return 0;
}
static void __exit leak_exit(void)
{
	del_timer_sync(&leak_timer);
}
module_init(leak_init);
module_exit(leak_exit);
MODULE_LICENSE("GPL");
C
echo 'obj-m := leak.o' >"$p/Makefile"
rc=$(run_to "$out" "$KSIM" run -t "$p" -c 'insmod leak.ko; sleep 0.05; rmmod leak')
[ "$rc" = 3 ] || { cat "$out"; fail "preempt leak: exit $rc"; }
grep -qE '^timer: leak_fn\+0x0/0x[0-9a-f]+ \[leak\] preempt leak: 00000100 -> 00000101$' "$out" ||
    { cat "$out"; fail "preempt leak line"; }
expect_text "$out" 'ksoftirqd/0/'
# A callback that spins: the soft-lockup watchdog names ksoftirqd/0, and the
# softirq thread still fires the next timer.
p="$KSIM_TEST_TMP/spin"
mkdir -p "$p"
cat >"$p/spin.c" <<'C'
#include <linux/module.h>
#include <linux/timer.h>
static struct timer_list spin_timer, next_timer;
static void spin_fn(struct timer_list *t)
{
	for (;;)
		;
}
static void next_fn(struct timer_list *t)
{
	pr_info("spin: next timer fired\n");
}
static int __init spin_init(void)
{
	timer_setup(&spin_timer, spin_fn, 0);
	timer_setup(&next_timer, next_fn, 0);
	mod_timer(&spin_timer, jiffies + 1);
	mod_timer(&next_timer, jiffies + 2);
	return 0;
}
static void __exit spin_exit(void)
{
	del_timer_sync(&spin_timer);
	del_timer_sync(&next_timer);
}
module_init(spin_init);
module_exit(spin_exit);
MODULE_LICENSE("GPL");
C
echo 'obj-m := spin.o' >"$p/Makefile"
rc=$(run_to "$out" "$KSIM" run -t --soft-lockup 1 "$p" -c 'insmod spin.ko; sleep 1.4; rmmod spin')
[ "$rc" = 3 ] || { cat "$out"; fail "soft lockup: exit $rc"; }
grep -qE '^watchdog: BUG: soft lockup - CPU#0 stuck for 1s! \[ksoftirqd/0:[0-9]+\]$' "$out" ||
    { cat "$out"; fail "soft lockup in a timer"; }
expect_line "$out" 'spin: next timer fired'
echo "deferred_timers: ok"
