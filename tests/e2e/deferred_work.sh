#!/bin/bash
# Workqueues: work on system_wq runs in process context on a kworker task
# and may sleep; delayed work runs after its delay; a module's own
# workqueue (create_singlethread_workqueue, alloc_workqueue) runs work in
# order and is flushed and destroyed; work still queued or a workqueue not
# destroyed at rmmod is a finding and is cancelled (exit status 3) and the
# module loads again; an Oops in a work function names the kworker and the
# kernel goes on.
. "$(dirname "$0")/lib.sh"
out="$KSIM_TEST_TMP/out"
m="$KSIM_TEST_TMP/wk"
mkdir -p "$m"
cat >"$m/wk.c" <<'C'
#include <linux/module.h>
#include <linux/init.h>
#include <linux/workqueue.h>
#include <linux/delay.h>
#include <linux/sched.h>
#include <linux/slab.h>
static int mode;
module_param(mode, int, 0444);
static struct workqueue_struct *wq;
static struct work_struct sleepy;
static struct delayed_work later;
struct item {
	struct work_struct work;
	int n;
};
static void sleepy_fn(struct work_struct *w)
{
	pr_info("wk: sleepy in process context=%d, comm %.8s\n", !in_interrupt(), current->comm);
	msleep(10);
	if (mode == 2)
		*(volatile int *)0 = 1;
	pr_info("wk: sleepy done\n");
}
static void later_fn(struct work_struct *w)
{
	struct delayed_work *dw = to_delayed_work(w);
	pr_info("wk: later ran, pending=%d\n", delayed_work_pending(dw));
}
static void item_fn(struct work_struct *w)
{
	struct item *it = container_of(w, struct item, work);
	pr_info("wk: item %d\n", it->n);
	kfree(it);
}
static DECLARE_WORK(static_work, sleepy_fn);
static int __init wk_init(void)
{
	int i, first, again;
	INIT_WORK(&sleepy, sleepy_fn);
	INIT_DELAYED_WORK(&later, later_fn);
	schedule_work(&sleepy);
	first = schedule_delayed_work(&later, msecs_to_jiffies(mode == 3 ? 10000 : 30));
	again = schedule_delayed_work(&later, msecs_to_jiffies(10));
	pr_info("wk: queued=%d again=%d\n", first, again);
	pr_info("wk: delayed pending=%d\n", delayed_work_pending(&later));
	wq = create_singlethread_workqueue("wk_wq");
	if (!wq)
		return -ENOMEM;
	for (i = 1; i <= 3; i++) {
		struct item *it = kmalloc(sizeof(*it), GFP_KERNEL);
		INIT_WORK(&it->work, item_fn);
		it->n = i;
		queue_work(wq, &it->work);
	}
	flush_workqueue(wq);
	pr_info("wk: flushed\n");
	if (mode == 4)
		queue_work(wq, &static_work);
	return 0;
}
static void __exit wk_exit(void)
{
	if (mode != 3)
		cancel_delayed_work_sync(&later);
	if (mode != 1)
		flush_work(&sleepy);
	if (mode != 4)
		destroy_workqueue(wq);
	pr_info("wk: exit\n");
}
module_init(wk_init);
module_exit(wk_exit);
MODULE_LICENSE("GPL");
C
echo 'obj-m := wk.o' >"$m/Makefile"

rc=$(run_to "$out" "$KSIM" run -t "$m" -c 'insmod wk.ko; sleep 0.1; rmmod wk')
[ "$rc" = 0 ] || { cat "$out"; fail "clean: exit $rc"; }
expect_line "$out" 'wk: queued=1 again=0'
expect_line "$out" 'wk: delayed pending=1'
grep -qE '^wk: sleepy in process context=1, comm kworker/$' "$out" || { cat "$out"; fail "kworker"; }
expect_line "$out" 'wk: sleepy done'
expect_line "$out" 'wk: later ran, pending=0'
# The ordered queue runs its items in order, all before the flush returns.
[ "$(sed -n '/wk: item 1/,/wk: flushed/p' "$out" | grep -c '^wk: item [123]$')" = 3 ] ||
    fail "items then flushed"
[ "$(grep '^wk: item ' "$out" | tr -d '\n')" = 'wk: item 1wk: item 2wk: item 3' ] || fail "item order"
expect_line "$out" 'no findings'
expect_no_text "$out" 'BUG:'

# Forgetting to cancel: queued work, armed delayed work, an undestroyed queue.
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -c 'insmod wk.ko mode=3; rmmod wk;
    insmod wk.ko; sleep 0.1; rmmod wk')
[ "$rc" = 3 ] || { cat "$out"; fail "mode=3: exit $rc"; }
grep -qE "\] deferred-leak: delayed work later_fn \[wk\] still armed \(its delay has not passed\) at rmmod of wk, queued at .*/wk\.c:42\$" \
    "$out" || { cat "$out"; fail "delayed finding"; }
expect_text "$out" 'ksim has cancelled it (cancel_delayed_work_sync)'
[ "$(grep -c '^wk: later ran' "$out")" = 1 ] || fail "only the second load's delayed work ran"
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -c 'insmod wk.ko mode=4; rmmod wk; insmod wk.ko; rmmod wk')
[ "$rc" = 3 ] || { cat "$out"; fail "mode=4: exit $rc"; }
grep -qE "\] deferred-leak: workqueue \"wk_wq\" not destroyed at rmmod of wk, allocated at .*/wk\.c:46\$" \
    "$out" || { cat "$out"; fail "workqueue finding"; }
expect_text "$out" 'ksim has destroyed it (destroy_workqueue)'
[ "$(grep -c '^wk: flushed$' "$out")" = 2 ] || fail "second load"

# An Oops in a work function: the kworker dies, the kernel goes on.
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -c 'insmod wk.ko mode=2; sleep 0.1; rmmod wk;
    insmod wk.ko; sleep 0.1; rmmod wk')
[ "$rc" = 3 ] || { cat "$out"; fail "oops: exit $rc"; }
expect_line "$out" 'BUG: kernel NULL pointer dereference, address: 0000000000000000'
grep -qE '^CPU: 0 PID: [0-9]+ Comm: kworker/0:[0-9]+ Tainted: ' "$out" || fail "Comm kworker"
grep -qE '^RIP: 0010:sleepy_fn(\.cold)?\+0x[0-9a-f]+/0x[0-9a-f]+ \[wk\]$' "$out" || fail "RIP"
grep -qE '^ process_one_work\+0x[0-9a-f]+/0x[0-9a-f]+$' "$out" || fail "trace"
[ "$(grep -c '^wk: sleepy done$' "$out")" = 1 ] || fail "the second load's work ran"
[ "$(grep -c '^wk: exit$' "$out")" = 2 ] || fail "both exits"
# alloc_workqueue() is failable (--fail-nth): the init that then returns
# -ENOMEM leaves its delayed work armed, a finding; ksim survives the
# module's Oopses on the other failure paths (the sweep).
rc=$(run_to "$out" "$KSIM" run -t --no-build --fail-nth 1 "$m" -c 'insmod wk.ko; insmod wk.ko; rmmod wk')
[ "$rc" = 3 ] || { cat "$out"; fail "fail-nth 1: exit $rc"; }
expect_line "$out" 'insmod: ERROR: could not insert module wk.ko: Cannot allocate memory'
grep -qE "\] deferred-leak: delayed work later_fn \[wk\] still armed \(its delay has not passed\) after the failed init of wk, queued at .*/wk\.c:42\$" \
    "$out" || { cat "$out"; fail "failed-init finding"; }
expect_line "$out" 'wk: flushed'
rc=$(run_to "$out" "$KSIM" run -t --no-build --fault-sweep "$m")
[ "$rc" = 3 ] || { cat "$out"; fail "sweep: exit $rc"; }
grep -qE '^ +1 .* alloc_workqueue at wk_init\+' "$out" || { cat "$out"; fail "sweep lists alloc_workqueue"; }
expect_no_text "$out" 'ksim crashed'
echo "deferred_work: ok"
