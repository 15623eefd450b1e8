#!/bin/bash
# A user program of the module directory against the kernel (issue 5,
# "Reaching them"): `ksim run --prog ioctl_test.c` builds the unmodified
# test program with the host cc and runs it between insmod and rmmod; it
# opens "/dev/ioctl_dev" by its real path, which the LD_PRELOAD shim sends
# to the FUSE mount. Its output comes in order with the kernel's messages,
# and its failure fails the run. The same driver through the script's ioctl.
. "$(dirname "$0")/lib.sh"
if [ ! -e /dev/fuse ] || ! command -v fusermount3 >/dev/null; then
    echo "SKIP: no /dev/fuse or fusermount3"
    exit 77
fi
out="$KSIM_TEST_TMP/out"
d=$(copy_example ioctl_dev)
rm -f "$d/ioctl_test" # a program built in the source tree would be up to date

# The default scenario: insmod, the program, rmmod.
rc=$(run_to "$out" "$KSIM" run -t "$d" --prog ioctl_test.c)
[ "$rc" = 0 ] || { cat "$out"; fail "run --prog exited $rc"; }
expect_line "$out" '  HOSTCC  ioctl_test'
expect_line "$out" '$ ! ./ioctl_test'
expect_line "$out" 'name: ioctl_dev'
expect_line "$out" 'value: 42'
expect_line "$out" 'add: 20 + 22 = 42'
expect_line "$out" 'name: renamed'
expect_line "$out" 'unknown command: Inappropriate ioctl for device'
expect_line "$out" 'ioctl_dev: gone, value was 0'
# Program lines and the kernel lines its ioctls print, in order.
grep -xE 'name: ioctl_dev|ioctl_dev: value set to 42|value: 42|ioctl_dev: name set to renamed|name: renamed|ioctl_dev: reset' "$out" >"$out.order"
printf '%s\n' 'name: ioctl_dev' 'ioctl_dev: value set to 42' 'value: 42' \
    'ioctl_dev: name set to renamed' 'name: renamed' 'ioctl_dev: reset' | diff - "$out.order" ||
    fail "program output and kernel messages out of order"
[ -x "$d/ioctl_test" ] || fail "program not built into the module directory"

# Up to date: not rebuilt; arguments after the file name reach the program.
rc=$(run_to "$out" "$KSIM" run -t "$d" --prog 'ioctl_test.c 7 other')
[ "$rc" = 0 ] || { cat "$out"; fail "second run exited $rc"; }
expect_no_text "$out" 'HOSTCC'
expect_line "$out" '$ ! ./ioctl_test 7 other'
expect_line "$out" 'value: 7'
expect_line "$out" 'ioctl_dev: name set to other'

# A failing program: its stderr, its status, and the run fails (exit 1).
rc=$(run_to "$out" "$KSIM" run -t "$d" --prog 'ioctl_test.c 7 ""')
[ "$rc" = 1 ] || { cat "$out"; fail "failing program: exit $rc, want 1"; }
expect_line "$out" 'ioctl_test: IOCTL_DEV_SET_NAME: Invalid argument'
expect_line "$out" "ksim: host command './ioctl_test 7 ''' exited with status 1"

# In a script: "! CMD" with absolute paths; host files stay the host's.
rc=$(run_to "$out" "$KSIM" run -t "$d" --prog ioctl_test.c -c 'insmod ioctl_dev.ko
    ! ./ioctl_test 5 && echo ok > /dev/null && echo host null ok
    ! ls /dev/ioctl_dev /sys/class/misc
    ioctl /dev/ioctl_dev 0x80046b01
    ioctl /dev/ioctl_dev 0x40046b02 2a000000
    ioctl /dev/ioctl_dev 0x80046b01
    ioctl /dev/ioctl_dev 0xc00c6b03 0300000004000000
    ioctl /dev/ioctl_dev 0x6b63
    rmmod ioctl_dev')
[ "$rc" = 1 ] || { cat "$out"; fail "script: exit $rc, want 1 (the unknown ioctl)"; }
expect_line "$out" 'value: 5'
expect_line "$out" 'host null ok'
expect_line "$out" '/dev/ioctl_dev'
expect_line "$out" 'ioctl_dev'
expect_line "$out" '0 00000000' # the program ended with IOCTL_DEV_RESET
expect_line "$out" 'ioctl_dev: value set to 42'
expect_line "$out" '0 2a000000'
expect_line "$out" '0 030000000400000007000000'
expect_line "$out" 'ioctl: Inappropriate ioctl for device'

# --json keeps the program's output in its step.
"$KSIM" run "$d" --prog ioctl_test.c --json >"$out" || fail "--json run"
python3 - "$out" <<'PY' || fail "program output not in the JSON steps"
import json, sys
steps = json.load(open(sys.argv[1]))["commands"]
prog = [s for s in steps if s["command"] == "! ./ioctl_test"][0]
assert "value: 42\n" in prog["stdout"], prog
assert prog["status"] == 0, prog
PY

# A program that does not compile is a build failure (exit 4).
printf 'int main(void) { return undeclared; }\n' >"$d/broken.c"
rc=$(run_to "$out" "$KSIM" run -t "$d" --prog broken.c)
[ "$rc" = 4 ] || { cat "$out"; fail "broken program: exit $rc, want 4"; }
expect_line "$out" '  HOSTCC  broken'
expect_text "$out" 'broken.c:1:25: error:'
# The module's own source is not a user program.
rc=$(run_to "$out" "$KSIM" run -t "$d" --prog ioctl_dev.c)
[ "$rc" = 2 ] || { cat "$out"; fail "module source as --prog: exit $rc, want 2"; }
expect_text "$out" 'it is part of module ioctl_dev.ko (obj-m)'
rc=$(run_to "$out" "$KSIM" run -t "$d" --prog missing.c)
[ "$rc" = 2 ] || fail "missing --prog source: exit $rc"
expect_line "$out" 'ksim run: --prog missing.c: No such file or directory'
echo "dev_user_program: ok"
