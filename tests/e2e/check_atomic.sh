#!/bin/bash
# Sleeping in atomic context (issue 4): under a spinlock, a GFP_KERNEL
# kmalloc and mutex_lock are reported as "sleeping function called from
# invalid context" every time (Linux needs CONFIG_DEBUG_ATOMIC_SLEEP for it),
# msleep as "scheduling while atomic" (what Debian's 6.1 prints), both taint
# W; returning from init with a spinlock held is lockdep's "lock held when
# returning to user space", with preemption still disabled a finding.
. "$(dirname "$0")/lib.sh"
out="$KSIM_TEST_TMP/out"
m="$KSIM_TEST_TMP/atomic"
mkdir -p "$m"
cat >"$m/atomic.c" <<'C'
#include <linux/module.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/delay.h>
static DEFINE_SPINLOCK(lock);
static DEFINE_MUTEX(mtx);
static int mode;
module_param(mode, int, 0444);
static int __init a_init(void)
{
	void *p = NULL;
	unsigned long flags;
	spin_lock(&lock);
	if (mode == 1)
		p = kmalloc(32, GFP_KERNEL);
	if (mode == 2)
		mutex_lock(&mtx);
	if (mode == 3)
		msleep(1);
	if (mode == 5)
		p = kmalloc(32, GFP_ATOMIC);
	if (mode == 4)
		return 0; /* forgets spin_unlock */
	if (mode == 6) {
		spin_unlock(&lock);
		preempt_disable();
		return 0; /* forgets preempt_enable */
	}
	spin_unlock(&lock);
	if (mode == 2)
		mutex_unlock(&mtx);
	kfree(p);
	spin_lock_irqsave(&lock, flags);
	pr_info("atomic: in_atomic=%d irqs_disabled=%d\n", in_atomic() ? 1 : 0, irqs_disabled());
	spin_unlock_irqrestore(&lock, flags);
	return 0;
}
static void __exit a_exit(void) { }
module_init(a_init);
module_exit(a_exit);
MODULE_LICENSE("GPL");
C
echo 'obj-m := atomic.o' >"$m/Makefile"
rc=$(run_to "$out" "$KSIM" run -t "$m" -- mode=0)
[ "$rc" = 0 ] || { cat "$out"; fail "clean mode: exit $rc"; }
expect_line "$out" 'atomic: in_atomic=1 irqs_disabled=1'
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -- mode=5)
[ "$rc" = 0 ] || { cat "$out"; fail "GFP_ATOMIC under a spinlock is fine: exit $rc"; }

rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -- mode=1)
[ "$rc" = 3 ] || { cat "$out"; fail "kmalloc(GFP_KERNEL) under spinlock: exit $rc"; }
expect_line "$out" 'BUG: sleeping function called from invalid context at include/linux/sched/mm.h:274'
grep -qE '^in_atomic\(\): 1, irqs_disabled\(\): 0, non_block: 0, pid: [0-9]+, name: insmod$' "$out" ||
    fail "in_atomic line"
expect_line "$out" 'preempt_count: 1, expected: 0'
expect_line "$out" 'RCU nest depth: 0, expected: 0'
grep -qE '^ a_init\+0x[0-9a-f]+/0x[0-9a-f]+ \[atomic\]$' "$out" || fail "trace through a_init"
expect_text "$out" 'sleep-in-atomic: BUG: sleeping function called from invalid context'

rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -- mode=2)
[ "$rc" = 3 ] || fail "mutex_lock under spinlock: exit $rc"
expect_line "$out" 'BUG: sleeping function called from invalid context at kernel/locking/mutex.c:580'

rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -c 'insmod atomic.ko mode=3; cat /proc/sys/kernel/tainted')
[ "$rc" = 3 ] || fail "msleep under spinlock: exit $rc"
grep -qE '^BUG: scheduling while atomic: insmod/[0-9]+/0x00000002$' "$out" || fail "scheduling while atomic"
expect_line "$out" 'Modules linked in: atomic(OE+)'
expect_line "$out" '12800' # W, O and E

rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -- mode=4)
[ "$rc" = 3 ] || fail "spinlock held at return: exit $rc"
# lockdep names the spinlock (check_locks.sh has the whole report).
expect_line "$out" 'WARNING: lock held when returning to user space!'
grep -qE '^ #0: [0-9a-f]{16} \(lock\)\{\+\.\+\.\}-\{2:2\}, at: a_init\+0x[0-9a-f]+/0x[0-9a-f]+ \[atomic\]$' "$out" ||
    fail "the held spinlock"
expect_text "$out" 'lockdep: lock held when returning to user space: insmod/'
expect_no_text "$out" 'lock-held:'
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -- mode=6)
[ "$rc" = 3 ] || fail "preemption disabled at return: exit $rc"
expect_text "$out" 'lock-held: module code returned with preempt_count 1'
expect_no_text "$out" 'WARNING: lock held'
echo "check_atomic: ok"
