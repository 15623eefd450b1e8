#!/bin/bash
# Module code runs on a 16 KiB kernel stack with a guard page below it
# (issue 4): unbounded recursion in init and a huge on-stack array in a /proc
# read hit the guard page and are reported as Linux 6.1's double-fault
# handler reports them (handle_stack_overflow()), the task dies, ksim says
# that the real kernel would have panicked, and the run goes on.
. "$(dirname "$0")/lib.sh"
out="$KSIM_TEST_TMP/out"
m="$KSIM_TEST_TMP/stack"
mkdir -p "$m"
cat >"$m/deep.c" <<'C'
#include <linux/module.h>
#include <linux/init.h>
static int limit = 1000000;
module_param(limit, int, 0444);
static noinline int descend(int n)
{
	volatile char pad[64];
	pad[0] = n;
	if (n >= limit)
		return 0;
	return descend(n + 1) + pad[0];
}
static int __init deep_init(void)
{
	return descend(0);
}
module_init(deep_init);
MODULE_LICENSE("GPL");
C
cat >"$m/bigframe.c" <<'C'
#include <linux/module.h>
#include <linux/init.h>
#include <linux/proc_fs.h>
#include <linux/string.h>
static noinline ssize_t big_read(struct file *file, char __user *buf, size_t len, loff_t *off)
{
	char scratch[16384];
	memset(scratch, 'x', sizeof(scratch));
	return memchr_inv(scratch, 'x', sizeof(scratch)) ? -EIO : 0;
}
static const struct proc_ops big_ops = { .proc_read = big_read };
static struct proc_dir_entry *entry;
static int __init big_init(void)
{
	entry = proc_create("bigframe", 0444, NULL, &big_ops);
	return entry ? 0 : -ENOMEM;
}
static void __exit big_exit(void)
{
	proc_remove(entry);
}
module_init(big_init);
module_exit(big_exit);
MODULE_LICENSE("GPL");
C
cat >"$m/fine.c" <<'C'
#include <linux/module.h>
#include <linux/init.h>
static int __init fine_init(void)
{
	pr_info("fine: loaded\n");
	return 0;
}
module_init(fine_init);
MODULE_LICENSE("GPL");
C
echo 'obj-m := deep.o bigframe.o fine.o' >"$m/Makefile"

# A recursion that is bounded (it stays well inside 16 KiB) runs fine.
rc=$(run_to "$out" "$KSIM" run -t "$m" -c 'insmod deep.ko limit=20; lsmod')
[ "$rc" = 0 ] || { cat "$out"; fail "bounded recursion: exit $rc, want 0"; }
expect_line "$out" "do_init_module: 'deep'->init suspiciously returned 190, it should follow 0/-E convention"
expect_no_text "$out" 'stack guard page'

rc=$(run_to "$out" "$KSIM" run -t "$m" -c 'insmod deep.ko; cat /proc/modules; insmod fine.ko; lsmod;
    cat /proc/sys/kernel/tainted')
[ "$rc" = 3 ] || { cat "$out"; fail "overflow: exit $rc, want 3"; }
grep -qE '^BUG: TASK stack guard page was hit at [0-9a-f]{16} \(stack is [0-9a-f]{16}\.\.[0-9a-f]{16}\)$' \
    "$out" || { cat "$out"; fail "guard page line"; }
# %p hashes: the top 32 bits print as zeros.
grep -qE '^BUG: TASK stack guard page was hit at 00000000' "$out" || fail "hashed pointers"
expect_line "$out" 'stack guard page: 0000 [#1] PREEMPT SMP NOPTI'
grep -qE '^CPU: 0 PID: [0-9]+ Comm: insmod Tainted: G           OE      6\.1\.0-ksim #1$' "$out" ||
    fail "CPU line"
grep -qE '^RIP: 0010:descend\+0x[0-9a-f]+/0x[0-9a-f]+ \[deep\]$' "$out" || fail "RIP in descend"
[ "$(grep -cE '^ descend\+0x[0-9a-f]+/0x[0-9a-f]+ \[deep\]$' "$out")" -ge 10 ] ||
    fail "call trace of the recursion"
expect_line "$out" 'Modules linked in: deep(OE+)'
expect_no_text "$out" '#PF:'
expect_no_text "$out" 'CR2:'
expect_line "$out" '---[ end trace 0000000000000000 ]---'
expect_line "$out" 'Segmentation fault'
grep -qE '^deep [0-9]+ 1 \[permanent\], Loading 0x[0-9a-f]{16} \(OE\+\)$' "$out" || fail "left Loading"
expect_line "$out" 'fine: loaded'
grep -qE '^fine +[0-9]+  0$' "$out" || fail "lsmod after the overflow"
expect_line "$out" '12416' # O, E and D
expect_text "$out" 'stack-overflow: BUG: TASK stack guard page was hit'
expect_text "$out" 'Kernel panic - not syncing: Fatal exception in interrupt'
expect_text "$out" 'ksim killed the task instead and goes on'
# Said once in the finding, not once per frame of the trace.
[ "$(grep -c 'ksim killed the task instead and goes on' "$out")" = 1 ] || fail "the panic note once"
grep -qE 'deep\.c:[0-9]+' "$out" || fail "source line"

# A 16 KiB array in a file operation: the read's frame alone is bigger than
# the stack. cat dies; the module stays loaded and the next commands work.
rc=$(run_to "$out" "$KSIM" run -t "$m" -c 'insmod bigframe.ko; cat /proc/bigframe; lsmod;
    rmmod bigframe; insmod fine.ko; lsmod')
[ "$rc" = 3 ] || { cat "$out"; fail "big frame: exit $rc, want 3"; }
expect_line "$out" 'stack guard page: 0000 [#1] PREEMPT SMP NOPTI'
grep -qE '^CPU: 0 PID: [0-9]+ Comm: cat Tainted: G           OE      6\.1\.0-ksim #1$' "$out" ||
    fail "CPU line of cat"
grep -qE '^RIP: 0010:big_read\+0x[0-9a-f]+/0x[0-9a-f]+ \[bigframe\]$' "$out" || fail "RIP in big_read"
expect_line "$out" 'Modules linked in: bigframe(OE)'
expect_text "$out" 'Segmentation fault'
expect_line "$out" 'fine: loaded'
grep -qE '^fine +[0-9]+  0$' "$out" || fail "lsmod: fine"
echo "check_stack: ok"
