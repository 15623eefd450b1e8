#!/bin/bash
# Faults in module code become the kernel's Oops (issue 4): the "trap a module
# in the kernel forever" scenario (an __exit function reading __initdata)
# reproduces the real kernel's sequence, a NULL dereference in init kills
# insmod and leaves the module "Loading", and ksim keeps working afterwards.
. "$(dirname "$0")/lib.sh"
out="$KSIM_TEST_TMP/out"

d=$(copy_example init_mismatch)
rc=$(run_to "$out" "$KSIM" run -t "$d" -c 'insmod init_mismatch.ko; rmmod init_mismatch;
    rmmod init_mismatch; lsmod; cat /proc/modules; cat /sys/module/init_mismatch/initstate;
    cat /proc/sys/kernel/tainted')
[ "$rc" = 3 ] || { cat "$out"; fail "trap scenario: exit $rc, want 3 (an Oops is a finding)"; }
expect_line "$out" "WARNING: modpost: $d/init_mismatch.o: section mismatch in reference: cleanup_module (section: .exit.text) -> start_value (section: .init.data)"
grep -qE '^BUG: unable to handle page fault for address: [0-9a-f]{16}$' "$out" || fail "BUG line"
expect_line "$out" '#PF: supervisor read access in kernel mode'
expect_line "$out" '#PF: error_code(0x0000) - not-present page'
expect_line "$out" 'Oops: 0000 [#1] PREEMPT SMP NOPTI'
grep -qE '^CPU: 0 PID: [0-9]+ Comm: rmmod Tainted: G           OE      6\.1\.0-ksim #1$' "$out" ||
    fail "CPU line"
expect_line "$out" 'RIP: 0010:init_mismatch_exit+0x0/0x1000 [init_mismatch]'
expect_line "$out" 'Modules linked in: init_mismatch(OE-)'
expect_line "$out" '---[ end trace 0000000000000000 ]---'
expect_line "$out" 'Killed'
# The second rmmod fails without a word, as kmod does for a module going away.
[ "$(grep -c '^\$ rmmod init_mismatch$' "$out")" = 2 ] || fail "two rmmods"
grep -qE '^init_mismatch +16384  -1$' "$out" || fail "lsmod: stuck with refcount -1"
grep -qE '^init_mismatch 16384 -1 - Unloading 0x[0-9a-f]{16} \(OE-\)$' "$out" || fail "/proc/modules"
expect_line "$out" 'going'
expect_line "$out" '12416' # O, E and D
expect_text "$out" 'oops: BUG: unable to handle page fault'
expect_text "$out" 'init_mismatch.c:'

# A NULL pointer dereference in init: insmod is killed, the module stays
# "Loading", and the kernel goes on serving commands.
m="$KSIM_TEST_TMP/nullderef"
mkdir -p "$m"
cat >"$m/nullderef.c" <<'C'
#include <linux/module.h>
#include <linux/init.h>
struct thing { int a; int b; };
static struct thing *lookup(void) { return NULL; }
static int __init n_init(void)
{
	struct thing *t = lookup();
	return t->b;
}
module_init(n_init);
MODULE_LICENSE("GPL");
C
echo 'obj-m := nullderef.o' >"$m/Makefile"
rc=$(run_to "$out" "$KSIM" run -t "$m" -c 'insmod nullderef.ko; cat /proc/modules; lsmod; dmesg -t -l alert')
[ "$rc" = 3 ] || { cat "$out"; fail "NULL deref: exit $rc"; }
expect_line "$out" 'BUG: kernel NULL pointer dereference, address: 0000000000000004'
grep -qE '^RIP: 0010:n_init\+0x[0-9a-f]+/0x[0-9a-f]+ \[nullderef\]$' "$out" || fail "RIP in n_init"
grep -qE '^nullderef [0-9]+ 0 \[permanent\], Loading 0x[0-9a-f]{16} \(OE\+\)$' "$out" || fail "module left Loading"
expect_line "$out" 'Module                  Size  Used by'
grep -qE 'nullderef\.c:[89]\)' "$out" || fail "source line of the fault"
echo "check_oops: ok"
