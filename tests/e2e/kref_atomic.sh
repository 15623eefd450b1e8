#!/bin/bash
# kref and atomic_t in a module: the release function runs exactly when the
# last reference goes, and a put too many is refcount_t's underflow warning.
. "$(dirname "$0")/lib.sh"
out="$KSIM_TEST_TMP/out"
m="$KSIM_TEST_TMP/kr"
mkdir -p "$m"
cat >"$m/kr.c" <<'C'
#include <linux/module.h>
#include <linux/init.h>
#include <linux/kref.h>
#include <linux/slab.h>
struct obj { struct kref ref; int v; };
static atomic_t counter = ATOMIC_INIT(5);
static int extra;
module_param(extra, int, 0444);
static void obj_release(struct kref *k)
{
	struct obj *o = container_of(k, struct obj, ref);
	pr_info("kr: release %d\n", o->v);
}
static struct obj the_obj = { .v = 7 };
static int __init k_init(void)
{
	kref_init(&the_obj.ref);
	kref_get(&the_obj.ref);
	kref_put(&the_obj.ref, obj_release);
	pr_info("kr: refs %u counter %d\n", kref_read(&the_obj.ref), atomic_inc_return(&counter));
	kref_put(&the_obj.ref, obj_release);
	if (extra)
		kref_put(&the_obj.ref, obj_release);
	return 0;
}
static void __exit k_exit(void) { }
module_init(k_init);
module_exit(k_exit);
MODULE_LICENSE("GPL");
C
echo 'obj-m := kr.o' >"$m/Makefile"
rc=$(run_to "$out" "$KSIM" run -t "$m")
[ "$rc" = 0 ] || { cat "$out"; fail "exit $rc"; }
expect_line "$out" 'kr: refs 1 counter 6'
[ "$(grep -cx 'kr: release 7' "$out")" = 1 ] || fail "release runs once"
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -- extra=1)
[ "$rc" = 3 ] || { cat "$out"; fail "underflow: exit $rc"; }
expect_line "$out" 'refcount_t: underflow; use-after-free.'
echo "kref_atomic: ok"
