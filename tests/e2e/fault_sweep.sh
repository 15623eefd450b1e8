#!/bin/bash
# Allocation-failure injection and leak reports (issue 4): the LDD3-style
# kmalloc/kstrdup module sweeps clean over every failure path; a copy that
# forgets one kfree is caught on exactly the paths that leak, with the
# allocation's file:line; --fail-nth N fails the N-th call; a module that
# leaks at rmmod gets a kmemleak-style report and ksim run exits 3.
. "$(dirname "$0")/lib.sh"
out="$KSIM_TEST_TMP/out"

d=$(copy_example kmalloc_message)
rc=$(run_to "$out" "$KSIM" run "$d" --fault-sweep)
[ "$rc" = 0 ] || { cat "$out"; fail "clean module: sweep exit $rc"; }
expect_line "$out" "ksim fault sweep: 4 failable calls in the clean run, 5 runs"
expect_line "$out" "ksim fault sweep: every failure path is clean"
[ "$(grep -c 'Cannot allocate memory' "$out")" = 4 ] || fail "want 4 -ENOMEM paths"

# The same module with the kfree(msg) of its error path removed.
leaky="$KSIM_TEST_TMP/leaky"
cp -r "$d" "$leaky"
python3 - "$leaky/kmalloc_message.c" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
assert "fail_text:\n\tkfree(msg);\n" in s
open(p, "w").write(s.replace("fail_text:\n\tkfree(msg);\n", "fail_text:\n"))
PY
line=$(grep -n 'msg = kzalloc' "$leaky/kmalloc_message.c" | cut -d: -f1)
rc=$(run_to "$out" "$KSIM" run "$leaky" --fault-sweep)
[ "$rc" = 3 ] || { cat "$out"; fail "leaky module: sweep exit $rc, want 3"; }
grep -qE '^   3      1     0     0  kstrdup at kmalloc_message_init\+0x[0-9a-f]+/0x[0-9a-f]+ \[kmalloc_message\]' "$out" ||
    { cat "$out"; fail "path 3 (kstrdup fails) should leak one object"; }
grep -qE '^   2      0 ' "$out" || fail "path 2 should be clean"
expect_text "$out" "--fail-nth 3: leak: kmalloc_message leaked"
expect_text "$out" "kmalloc_message.c:$line)"
expect_text "$out" 'unreferenced object 0x'
expect_text "$out" 'comm "insmod", pid '

# --fail-nth alone: the run says which call failed.
rc=$(run_to "$out" "$KSIM" run -t --no-build "$d" --fail-nth 2)
[ "$rc" = 1 ] || fail "--fail-nth 2: exit $rc (insmod fails)"
expect_text "$out" "ksim: --fail-nth 2: __kmalloc failed at kmalloc_message_init+0x"
expect_line "$out" 'insmod: ERROR: could not insert module kmalloc_message.ko: Cannot allocate memory'
rc=$(run_to "$out" "$KSIM" run -t --no-build "$d" --fail-nth 99)
expect_text "$out" "ksim: --fail-nth 99: only 4 failable calls were made; nothing failed"

# A module that keeps an allocation past rmmod.
m="$KSIM_TEST_TMP/forgetful"
mkdir -p "$m"
cat >"$m/forgetful.c" <<'C'
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
static char *keep;
static int __init f_init(void)
{
	keep = kmalloc(24, GFP_KERNEL);
	if (!keep)
		return -ENOMEM;
	strscpy(keep, "remember me", 24);
	return 0;
}
static void __exit f_exit(void) { }
module_init(f_init);
module_exit(f_exit);
MODULE_LICENSE("GPL");
C
echo 'obj-m := forgetful.o' >"$m/Makefile"
rc=$(run_to "$out" "$KSIM" run -t "$m")
[ "$rc" = 3 ] || { cat "$out"; fail "leak at rmmod: exit $rc, want 3"; }
expect_text "$out" "leak: forgetful leaked 24 bytes (kmalloc) allocated at f_init+0x"
expect_text "$out" "forgetful.c:7)"
expect_text "$out" "72 65 6d 65 6d 62 65 72 20 6d 65 00"
expect_text "$out" "remember me"
expect_text "$out" "leak-summary: forgetful: 1 object (24 bytes) not freed"
"$KSIM" run --json --no-build "$m" >"$out" || true
python3 - "$out" <<'PY' || fail "--json findings"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["exit_status"] == 3
leaks = [f for f in j["findings"] if f["kind"] == "leak"]
assert len(leaks) == 1 and leaks[0]["module"] == "forgetful", leaks
PY
echo "fault_sweep: ok"
