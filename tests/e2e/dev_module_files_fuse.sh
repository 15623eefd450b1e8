#!/bin/bash
# The kernel's own module files through the FUSE mount (issue 5): host
# programs read and change parameters in /sys/module/<m>/parameters with the
# modes module_param gave them, and read /proc/modules, /sys/module/<m>/*
# and /proc/sys/kernel/tainted as on Linux. (The script's own cat and echo
# on the same files: run_modules.sh.)
. "$(dirname "$0")/lib.sh"
if [ ! -e /dev/fuse ] || ! command -v fusermount3 >/dev/null; then
    echo "SKIP: no /dev/fuse or fusermount3"
    exit 77
fi
out="$KSIM_TEST_TMP/out"
d=$(copy_example params)
cat >"$KSIM_TEST_TMP/params.sh" <<'SCRIPT'
insmod params.ko count=3
! ls /sys/module; ls /sys/module/params
! stat -c '%A %n' /sys/module/params/parameters/count /sys/module/params/parameters/whom
! cat /sys/module/params/parameters/count
! echo 9 > /sys/module/params/parameters/count
cat /sys/module/params/parameters/count
! echo 10 > /sys/module/params/parameters/whom
! echo x > /sys/module/params/parameters/count
! cat /sys/module/params/parameters/count /sys/module/params/refcnt /sys/module/params/initstate
! grep -c '^params ' /proc/modules; cat /proc/sys/kernel/tainted
rmmod params
! ls /sys/module
SCRIPT
rc=$(run_to "$out" "$KSIM" run -t "$d" --script "$KSIM_TEST_TMP/params.sh")
[ "$rc" = 1 ] || { cat "$out"; fail "exit $rc, want 1 (the refused writes)"; }
expect_line "$out" 'params'
expect_line "$out" 'parameters'
expect_line "$out" 'refcnt'
expect_line "$out" '-rw-r--r-- /sys/module/params/parameters/count'
expect_line "$out" '-r--r--r-- /sys/module/params/parameters/whom'
expect_line "$out" '3'
[ "$(grep -xc '9' "$out")" = 2 ] || { cat "$out"; fail "count written by the host: read back twice"; }
expect_text "$out" "/sys/module/params/parameters/whom: Permission denied"
expect_line "$out" 'live'
expect_line "$out" '1'
expect_line "$out" '12288'
expect_line "$out" 'params: count=9 label=default on exit'
[ "$(grep -c "^ksim: host command" "$out")" = 2 ] || { cat "$out"; fail "two failed host writes"; }
echo "dev_module_files_fuse: ok"
