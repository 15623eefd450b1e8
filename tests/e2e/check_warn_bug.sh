#!/bin/bash
# WARN_ON/WARN/WARN_ON_ONCE print the kernel's WARNING report, taint W and
# let the module go on; BUG_ON is "kernel BUG at file:line!" and an invalid
# opcode Oops that kills insmod with a segmentation fault (checked against
# Linux 6.1 with ../shared/oracle/run-real).
. "$(dirname "$0")/lib.sh"
out="$KSIM_TEST_TMP/out"
m="$KSIM_TEST_TMP/bugs"
mkdir -p "$m"
cat >"$m/bugs.c" <<'C'
#include <linux/module.h>
#include <linux/init.h>
#include <linux/bug.h>
static int mode;
module_param(mode, int, 0444);
static int __init b_init(void)
{
	if (WARN_ON(mode == 1))
		pr_info("bugs: warned\n");
	WARN(mode == 2, "bugs: mode is %d\n", mode);
	WARN_ON_ONCE(mode == 3);
	BUG_ON(mode == 4);
	return 0;
}
static void __exit b_exit(void) { }
module_init(b_init);
module_exit(b_exit);
MODULE_LICENSE("GPL");
C
echo 'obj-m := bugs.o' >"$m/Makefile"
rc=$(run_to "$out" "$KSIM" run -t "$m" -c 'insmod bugs.ko mode=1; rmmod bugs; insmod bugs.ko mode=2;
    rmmod bugs; insmod bugs.ko mode=3; rmmod bugs; insmod bugs.ko mode=3; rmmod bugs;
    insmod bugs.ko mode=4; lsmod; cat /proc/sys/kernel/tainted')
[ "$rc" = 3 ] || { cat "$out"; fail "exit $rc, want 3"; }
grep -qE "^WARNING: CPU: 0 PID: [0-9]+ at $m/bugs.c:8 b_init\+0x[0-9a-f]+/0x[0-9a-f]+ \[bugs\]$" "$out" ||
    { cat "$out"; fail "WARN_ON line"; }
expect_line "$out" '------------[ cut here ]------------'
expect_line "$out" 'Modules linked in: bugs(OE+)'
expect_line "$out" 'bugs: warned'
# WARN(): the message comes right after the cut line.
grep -A1 -F -- '------------[ cut here ]------------' "$out" | grep -qx 'bugs: mode is 2' || fail "WARN message"
expect_line "$out" 'Modules linked in: bugs(OE+) [last unloaded: bugs(OE)]'
grep -qE '^CPU: 0 PID: [0-9]+ Comm: insmod Tainted: G        W  OE      6\.1\.0-ksim #1$' "$out" ||
    fail "W taint in later reports"
[ "$(grep -c "^WARNING: CPU.* at $m/bugs.c:11 " "$out")" = 2 ] || fail "WARN_ON_ONCE: once per load of the module"
expect_line "$out" "kernel BUG at $m/bugs.c:12!"
expect_line "$out" 'invalid opcode: 0000 [#1] PREEMPT SMP NOPTI'
expect_line "$out" 'Segmentation fault'
grep -qE '^bugs +[0-9]+  1$' "$out" || fail "module left loading with a reference"
expect_line "$out" '12928' # W, O, E and D
echo "check_warn_bug: ok"
