#!/bin/bash
# A double kfree and a kfree of memory kmalloc never returned are reported
# KASAN-style with the allocation and first free, and the module goes on
# (issue 4).
. "$(dirname "$0")/lib.sh"
out="$KSIM_TEST_TMP/out"
m="$KSIM_TEST_TMP/df"
mkdir -p "$m"
cat >"$m/df.c" <<'C'
#include <linux/module.h>
#include <linux/init.h>
#include <linux/slab.h>
static int mode;
module_param(mode, int, 0444);
static int __init d_init(void)
{
	char *p = kmalloc(40, GFP_KERNEL);
	kfree(p);
	if (mode == 1)
		kfree(p);
	if (mode == 2)
		kfree((char *)&mode);
	pr_info("df: still running\n");
	return 0;
}
static void __exit d_exit(void) { }
module_init(d_init);
module_exit(d_exit);
MODULE_LICENSE("GPL");
C
echo 'obj-m := df.o' >"$m/Makefile"
rc=$(run_to "$out" "$KSIM" run -t "$m" -- mode=1)
[ "$rc" = 3 ] || { cat "$out"; fail "double free: exit $rc"; }
grep -qE '^BUG: KASAN: double-free in d_init\+0x[0-9a-f]+/0x[0-9a-f]+ \[df\]$' "$out" || fail "headline"
grep -qE '^Free of addr [0-9a-f]{16} by task insmod/[0-9]+$' "$out" || fail "free line"
expect_text "$out" "allocated at d_init+"
expect_text "$out" "df.c:8)"
expect_text "$out" "first freed at d_init+"
expect_text "$out" "df.c:9)"
expect_text "$out" "df.c:11)"
expect_line "$out" 'df: still running'
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -- mode=2)
[ "$rc" = 3 ] || fail "invalid free: exit $rc"
grep -qE '^BUG: KASAN: invalid-free in d_init\+' "$out" || fail "invalid-free headline"
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -- mode=0)
[ "$rc" = 0 ] || fail "clean: exit $rc"
echo "check_bad_free: ok"
