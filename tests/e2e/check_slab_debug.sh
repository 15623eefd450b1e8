#!/bin/bash
# SLUB debug's red zone and poison checks (issue 4, "Slab debugging"): a
# write past the end of a kmalloc object, before its start, after kfree and
# past a kmem_cache object is reported in mm/slub.c's format when the object
# is freed, resized or its module removed, with a finding naming the
# allocating (and freeing) line, exit status 3, and the kernel keeps working.
. "$(dirname "$0")/lib.sh"
out="$KSIM_TEST_TMP/out"
m="$KSIM_TEST_TMP/sd"
mkdir -p "$m"
cat >"$m/sd.c" <<'C'
#include <linux/module.h>
#include <linux/init.h>
#include <linux/slab.h>
static int mode;
module_param(mode, int, 0444);
static char *kept;
static struct kmem_cache *cache;
static int __init sd_init(void)
{
	char *p;
	if (mode == 1) {
		p = kmalloc(64, GFP_KERNEL);
		p[64] = 0;
		kfree(p);
	} else if (mode == 2) {
		kept = kmalloc(40, GFP_KERNEL);
		kept[40] = 'x';
	} else if (mode == 3) {
		kept = kmalloc(32, GFP_KERNEL);
		kfree(kept);
		kept[3] = 1;
	} else if (mode == 4) {
		p = kmalloc(24, GFP_KERNEL);
		p[-2] = 0x41;
		kfree(p);
	} else if (mode == 5) {
		cache = kmem_cache_create("sd_cache", 24, 0, 0, NULL);
		p = kmem_cache_alloc(cache, GFP_KERNEL);
		p[24] = 7;
		kmem_cache_free(cache, p);
		kmem_cache_destroy(cache);
	} else if (mode == 6) {
		p = kmalloc(16, GFP_KERNEL);
		p[16] = 1;
		p = krealloc(p, 8, GFP_KERNEL);
		kfree(p);
	} else {
		p = kmalloc(64, GFP_KERNEL);
		p[63] = 1;
		kfree(p);
	}
	pr_info("sd: init done\n");
	return 0;
}
static void __exit sd_exit(void) { }
module_init(sd_init);
module_exit(sd_exit);
MODULE_LICENSE("GPL");
C
echo 'obj-m := sd.o' >"$m/Makefile"

hex='0x[0-9a-f]{16}'
sym='sd_init\+0x[0-9a-f]+/0x[0-9a-f]+ \[sd\]'
# common_report ZONE CACHE EXPECTED: the lines every SLUB report has.
common_report() {
    expect_line "$out" '============================================================================='
    expect_line "$out" "BUG $2 (Tainted: G           OE     ): $1 overwritten"
    expect_line "$out" '-----------------------------------------------------------------------------'
    grep -qE "^$hex-$hex @offset=[0-9]+\. First byte 0x[0-9a-f]+ instead of $3\$" "$out" ||
        fail "$1: fault line"
    grep -qE "^Allocated in $sym age=[0-9]+ cpu=0 pid=[0-9]+\$" "$out" || fail "$1: Allocated in"
    grep -qE "^Slab $hex objects=[0-9]+ used=[0-9]+ fp=$hex flags=0x[0-9a-f]+\(slab\|node=0\|zone=2\)\$" \
        "$out" || fail "$1: Slab line"
    grep -qE "^Object $hex @offset=[0-9]+ fp=$hex\$" "$out" || fail "$1: Object line"
    grep -qE "^Redzone  [0-9a-f]{16}: ([0-9a-f]{2} ){15}[0-9a-f]{2}  .{16}\$" "$out" ||
        fail "$1: Redzone dump"
    grep -qE '^Object   [0-9a-f]{16}: ' "$out" || fail "$1: Object dump"
    grep -qE '^CPU: 0 PID: [0-9]+ Comm: insmod' "$out" || [ "${4:-}" = rmmod ] ||
        fail "$1: CPU line"
    expect_line "$out" 'Call Trace:'
    grep -qE "^FIX $2: Restoring $1 $hex-$hex=$3\$" "$out" || fail "$1: FIX line"
}

# 1: one byte past a 64-byte object, found by kfree (SLUB then keeps it).
rc=$(run_to "$out" "$KSIM" run -t "$m" -c 'insmod sd.ko mode=1; cat /proc/sys/kernel/tainted;
    rmmod sd')
[ "$rc" = 3 ] || { cat "$out"; fail "mode 1: exit $rc"; }
common_report 'Right Redzone' kmalloc-64 0xcc
grep -qE "^FIX kmalloc-64: Object at $hex not freed\$" "$out" || fail "not freed line"
grep -qE '^0x[0-9a-f]{16}-0x[0-9a-f]{16} @offset=[0-9]+\. First byte 0x0 instead of 0xcc$' "$out" ||
    fail "first byte 0x0"
expect_line "$out" 'sd: init done'
expect_text "$out" '] slab-out-of-bounds: BUG kmalloc-64: Right Redzone overwritten: write past the end of a 64-byte object'
grep -qE "^    where:  $sym \(.*/sd\.c:12\)\$" "$out" || fail "finding location sd.c:12"
expect_text "$out" 'found by kfree()'
expect_no_text "$out" 'unreferenced object' # not freed, but not a leak either
expect_line "$out" '12320' # add_taint(TAINT_BAD_PAGE): B besides O and E

# 2: past the end of a 40-byte object (kmalloc-64) never freed: rmmod finds it.
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -- mode=2)
[ "$rc" = 3 ] || fail "mode 2: exit $rc"
common_report 'kmalloc Redzone' kmalloc-64 0xcc rmmod
expect_text "$out" 'write past the end of a 40-byte object'
expect_text "$out" 'found at rmmod of sd'
grep -qE "^    where:  $sym \(.*/sd\.c:16\)\$" "$out" || fail "mode 2 location"
expect_text "$out" 'unreferenced object' # and it leaked

# 3: a write after kfree, found when the module that freed it goes.
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -- mode=3)
[ "$rc" = 3 ] || fail "mode 3: exit $rc"
common_report 'Poison' kmalloc-32 0x6b rmmod
grep -qE "^Freed in $sym age=[0-9]+ cpu=0 pid=[0-9]+\$" "$out" || fail "Freed in"
grep -qE '^Object   [0-9a-f]{16}: 6b 6b 6b 01 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b  kkk\.kkkkkkkkkkkk$' \
    "$out" || fail "poison dump"
grep -qE '^Object   [0-9a-f]{16}: (6b ){15}a5  k{15}\.$' "$out" || fail "end poison dump"
expect_text "$out" '] use-after-free: BUG kmalloc-32: Poison overwritten: write into a 32-byte object after it was freed'
expect_text "$out" 'freed at sd_init+'
expect_text "$out" '/sd.c:20)'
expect_text "$out" '/sd.c:19)'
expect_text "$out" 'reads of freed memory cannot be caught without page protection'

# 4: a write before the start (left red zone), found by kfree.
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -- mode=4)
[ "$rc" = 3 ] || fail "mode 4: exit $rc"
common_report 'Left Redzone' kmalloc-32 0xcc
grep -qE '^0x[0-9a-f]{16}-0x[0-9a-f]{16} @offset=[0-9]+\. First byte 0x41 instead of 0xcc$' "$out" ||
    fail "left first byte"
expect_text "$out" 'write before the start of a 24-byte object'

# 5: a kmem_cache object: the cache's own name.
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -- mode=5)
[ "$rc" = 3 ] || fail "mode 5: exit $rc"
common_report 'Right Redzone' sd_cache 0xcc
expect_text "$out" 'write past the end of a 24-byte object'

# 6: krealloc looks at the object before resizing it.
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -- mode=6)
[ "$rc" = 3 ] || fail "mode 6: exit $rc"
common_report 'Right Redzone' kmalloc-16 0xcc
expect_text "$out" 'found by krealloc()'

# Writing the last byte of the object is fine; and after a report the kernel
# goes on: the same module loads and unloads again.
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -c 'insmod sd.ko mode=1; rmmod sd;
    insmod sd.ko mode=0; rmmod sd; lsmod')
[ "$rc" = 3 ] || fail "again: exit $rc"
[ "$(grep -c 'sd: init done' "$out")" = 2 ] || fail "second insmod"
[ "$(grep -c 'overwritten$' "$out")" = 1 ] || fail "one report only"
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -- mode=0)
[ "$rc" = 0 ] || { cat "$out"; fail "clean: exit $rc"; }
expect_no_text "$out" 'overwritten'
echo "check_slab_debug: ok"
