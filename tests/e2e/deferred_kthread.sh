#!/bin/bash
# Kernel threads: an LKMPG-style kthread loops with msleep() until
# kthread_should_stop() and is stopped in exit, kthread_stop() returning the
# thread function's value; a thread created and never woken is stopped
# without running (-EINTR); a thread left running at rmmod is a finding and
# ksim stops it (exit status 3) and the module loads again; an Oops in a
# thread names its comm and the kernel goes on.
. "$(dirname "$0")/lib.sh"
out="$KSIM_TEST_TMP/out"
m="$KSIM_TEST_TMP/kt"
mkdir -p "$m"
cat >"$m/kt.c" <<'C'
#include <linux/module.h>
#include <linux/init.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/sched.h>
static int mode;
module_param(mode, int, 0444);
static struct task_struct *worker, *idle;
static int loops;
static int kt_fn(void *data)
{
	pr_info("kt: %s started, data %d\n", current->comm, *(int *)data);
	if (mode == 2)
		*(volatile int *)0 = 1;
	while (!kthread_should_stop()) {
		loops++;
		msleep(5);
	}
	pr_info("kt: %s stopping\n", current->comm);
	return 42;
}
static int never_fn(void *data)
{
	pr_info("kt: never_fn ran\n");
	return 0;
}
static int seven = 7;
static int __init kt_init(void)
{
	worker = kthread_run(kt_fn, &seven, "kt_worker/%d", 3);
	if (IS_ERR(worker))
		return PTR_ERR(worker);
	idle = kthread_create(never_fn, NULL, "kt_idle");
	pr_info("kt: created %s and %s\n", worker->comm, idle->comm);
	return 0;
}
static void __exit kt_exit(void)
{
	pr_info("kt: idle stopped: %d\n", kthread_stop(idle));
	if (mode != 1)
		pr_info("kt: worker stopped: %d, looped %d\n", kthread_stop(worker), loops > 0);
}
module_init(kt_init);
module_exit(kt_exit);
MODULE_LICENSE("GPL");
C
echo 'obj-m := kt.o' >"$m/Makefile"

rc=$(run_to "$out" "$KSIM" run -t "$m" -c 'insmod kt.ko; sleep 0.05; rmmod kt')
[ "$rc" = 0 ] || { cat "$out"; fail "clean: exit $rc"; }
expect_line "$out" 'kt: created kt_worker/3 and kt_idle'
expect_line "$out" 'kt: kt_worker/3 started, data 7'
expect_line "$out" 'kt: kt_worker/3 stopping'
expect_line "$out" 'kt: idle stopped: -4'
expect_line "$out" 'kt: worker stopped: 42, looped 1'
expect_no_text "$out" 'never_fn ran'
expect_line "$out" 'no findings'

# Forgetting kthread_stop(): a finding, ksim stops it; the next load works.
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -c 'insmod kt.ko mode=1; sleep 0.05; rmmod kt;
    insmod kt.ko; sleep 0.05; rmmod kt')
[ "$rc" = 3 ] || { cat "$out"; fail "mode=1: exit $rc"; }
grep -qE "\] deferred-leak: kthread kt_worker/3 \(kt_fn \[kt\]\) still running at rmmod of kt, created at .*/kt\.c:30\$" \
    "$out" || { cat "$out"; fail "kthread finding"; }
expect_text "$out" "on Linux it would go on running the unloaded module's freed code"
expect_text "$out" 'ksim has stopped it (kthread_stop)'
[ "$(grep -c '^kt: kt_worker/3 stopping$' "$out")" = 2 ] || fail "stopped by ksim, then by exit"
expect_line "$out" 'kt: worker stopped: 42, looped 1'

# An Oops in the thread: the kthread dies (kthread_stop() then returns 0).
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -c 'insmod kt.ko mode=2; sleep 0.05; rmmod kt;
    insmod kt.ko; sleep 0.05; rmmod kt')
[ "$rc" = 3 ] || { cat "$out"; fail "mode=2: exit $rc"; }
expect_line "$out" 'BUG: kernel NULL pointer dereference, address: 0000000000000000'
grep -qE '^CPU: 0 PID: [0-9]+ Comm: kt_worker/3 Tainted: ' "$out" || { cat "$out"; fail "Comm"; }
grep -qE '^RIP: 0010:kt_fn(\.cold)?\+0x[0-9a-f]+/0x[0-9a-f]+ \[kt\]$' "$out" || fail "RIP"
expect_line "$out" 'kt: worker stopped: 0, looped 0'
expect_line "$out" 'kt: worker stopped: 42, looped 1'
# Virtual clock: the kthread's msleep() takes host time, so it does not
# race virtual time ahead; only the shell's sleep moves it.
rc=$(run_to "$out" "$KSIM" run --no-build --virtual-clock "$m" -c 'insmod kt.ko; sleep 0.05; rmmod kt')
[ "$rc" = 0 ] || { cat "$out"; fail "virtual clock: exit $rc"; }
grep -qE '^\[    0\.0500[0-9]{2}\] kt: worker stopped: 42, looped 1$' "$out" || { cat "$out"; fail "virtual time"; }

# kthread_create() is failable (--fail-nth): ERR_PTR(-ENOMEM), init fails.
rc=$(run_to "$out" "$KSIM" run -t --no-build --fail-nth 1 "$m" -c 'insmod kt.ko; insmod kt.ko;
    sleep 0.05; rmmod kt')
[ "$rc" = 1 ] || { cat "$out"; fail "fail-nth 1: exit $rc"; }
expect_line "$out" 'insmod: ERROR: could not insert module kt.ko: Cannot allocate memory'
expect_line "$out" 'kt: worker stopped: 42, looped 1'
echo "deferred_kthread: ok"
