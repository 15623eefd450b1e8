#!/bin/bash
# Real programs on a module's files (issue 5): `ksim boot --mount DIR`
# exposes the kernel's /dev, /proc and /sys through FUSE; the host's cat,
# echo and dd read and write the chardev_message device there.
. "$(dirname "$0")/lib.sh"
if [ ! -e /dev/fuse ] || ! command -v fusermount3 >/dev/null; then
    echo "SKIP: no /dev/fuse or fusermount3"
    exit 77
fi
export XDG_RUNTIME_DIR="$KSIM_TEST_TMP/run" KSIM_KERNEL="fuse-$$"
mkdir -p "$XDG_RUNTIME_DIR" "$KSIM_TEST_TMP/mnt"
mnt="$KSIM_TEST_TMP/mnt"
d=$(copy_example chardev_message)
"$KSIM" make "$d" >/dev/null 2>&1 || fail "build"
"$KSIM" boot --mount "$mnt" >/dev/null || fail "boot --mount"
trap '"$KSIM" halt >/dev/null 2>&1 || true; fusermount3 -u "$mnt" 2>/dev/null || true' EXIT
cd "$d"
"$KSIM" insmod chardev_message.ko || fail "insmod"
[ "$(cat "$mnt/dev/chardev_message")" = "hello from the kernel" ] || fail "host cat"
echo "from the host" >"$mnt/dev/chardev_message" || fail "host echo"
[ "$(dd if="$mnt/dev/chardev_message" bs=4 count=1 2>/dev/null)" = "from" ] || fail "host dd of 4 bytes"
[ "$(cat "$mnt/dev/chardev_message")" = "from the host" ] || fail "message written by the host"
grep -qx 'writes: 1' "$mnt/proc/chardev_message" || fail "/proc through FUSE"
[ "$(cat "$mnt/sys/class/chardev_message/chardev_message/dev")" = "246:0" ] || fail "sysfs through FUSE"
"$KSIM" rmmod chardev_message || fail "rmmod"
[ ! -e "$mnt/dev/chardev_message" ] || fail "node still there after rmmod"
"$KSIM" halt || fail "halt"
trap - EXIT
sleep 0.2
! mount | grep -q " $mnt " || fail "still mounted after halt"
# ksim run --exec: a host program between the insmods and the rmmods.
cd "$KSIM_TEST_TMP"
d2=$(copy_example chardev_message)
"$KSIM" run -t "$d2" --exec 'cat $KSIM_ROOT/dev/chardev_message; echo hi > $KSIM_ROOT/dev/chardev_message; grep writes $KSIM_ROOT/proc/chardev_message' >"$KSIM_TEST_TMP/exec.out" 2>&1 ||
    { cat "$KSIM_TEST_TMP/exec.out"; fail "run --exec"; }
expect_line "$KSIM_TEST_TMP/exec.out" 'hello from the kernel'
expect_line "$KSIM_TEST_TMP/exec.out" 'writes: 1'
expect_line "$KSIM_TEST_TMP/exec.out" 'chardev_message: unregistered'
# The kernel's module files are real files of the mount: /proc/modules,
# /proc/sys/kernel/tainted and /sys/module/<m>/ with a writable parameter.
d3=$(copy_example params)
cat >"$KSIM_TEST_TMP/params.script" <<'S'
insmod params.ko count=3
! cat $KSIM_ROOT/proc/modules; cat $KSIM_ROOT/proc/sys/kernel/tainted; ls $KSIM_ROOT/sys/module/params
! cat $KSIM_ROOT/sys/module/params/refcnt; cat $KSIM_ROOT/sys/module/params/parameters/count
! echo 11 > $KSIM_ROOT/sys/module/params/parameters/count
cat /sys/module/params/parameters/count
! stat -c '%A %n' $KSIM_ROOT/sys/module/params/parameters/count $KSIM_ROOT/sys/module/params/initstate
! echo 1 > $KSIM_ROOT/sys/module/params/initstate || echo "initstate write refused"
rmmod params
S
"$KSIM" run -t "$d3" --script "$KSIM_TEST_TMP/params.script" >"$KSIM_TEST_TMP/params.out" 2>&1 ||
    { cat "$KSIM_TEST_TMP/params.out"; fail "run with module files over FUSE"; }
p="$KSIM_TEST_TMP/params.out"
grep -qE '^params [0-9]+ 0 - Live 0x[0-9a-f]{16} \(OE\)$' "$p" || { cat "$p"; fail "/proc/modules through FUSE"; }
expect_line "$p" '12288'
expect_line "$p" 'coresize'
expect_line "$p" 'parameters'
expect_line "$p" '0'
expect_line "$p" '3'
expect_line "$p" '11'
grep -qE '^-rw-r--r-- .*/sys/module/params/parameters/count$' "$p" || { cat "$p"; fail "parameter mode"; }
grep -qE '^-r--r--r-- .*/sys/module/params/initstate$' "$p" || { cat "$p"; fail "attribute mode"; }
expect_line "$p" 'initstate write refused'
echo "dev_fuse: ok"
