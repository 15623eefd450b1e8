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
echo "dev_fuse: ok"
