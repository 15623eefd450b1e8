#!/bin/bash
# rmmod refused while a host process holds a module's device open through
# the FUSE mount (issue 5): kmod's "rmmod: ERROR: Module X is in use", exit
# 1, and the module unloads once the file is closed. Once with a booted
# kernel and the shell's own descriptor, once in `ksim run` with a
# background program that holds it.
. "$(dirname "$0")/lib.sh"
if [ ! -e /dev/fuse ] || ! command -v fusermount3 >/dev/null; then
    echo "SKIP: no /dev/fuse or fusermount3"
    exit 77
fi
export XDG_RUNTIME_DIR="$KSIM_TEST_TMP/run" KSIM_KERNEL="inuse-$$"
mnt="$KSIM_TEST_TMP/mnt"
mkdir -p "$XDG_RUNTIME_DIR" "$mnt"
out="$KSIM_TEST_TMP/out"
d=$(copy_example chardev_count)
"$KSIM" make "$d" >/dev/null 2>&1 || fail "build"
"$KSIM" boot --mount "$mnt" >/dev/null || fail "boot --mount"
trap '"$KSIM" halt >/dev/null 2>&1 || true; fusermount3 -u "$mnt" 2>/dev/null || true' EXIT
"$KSIM" insmod "$d/chardev_count.ko" || fail "insmod"
exec 3<"$mnt/dev/chardev_count"
[ "$("$KSIM" cat /sys/module/chardev_count/refcnt)" = 1 ] || fail "refcnt is not 1 with the file open"
rc=$(run_to "$out" "$KSIM" rmmod chardev_count)
[ "$rc" = 1 ] || { cat "$out"; fail "rmmod with the device open: exit $rc, want 1"; }
expect_line "$out" 'rmmod: ERROR: Module chardev_count is in use'
read -r line <&3
[ "$line" = 'I already told you 0 times Hello world!' ] || fail "read through the held descriptor: $line"
# While it is held, a second reader gets the driver's -EBUSY.
! cat "$mnt/dev/chardev_count" 2>"$out" || fail "second open while held"
expect_text "$out" 'Device or resource busy'
exec 3<&-
# Any host program with the shim reaches the booted kernel by the real path.
shim="$(dirname "$KSIM")/libksim_preload.so"
[ -e "$shim" ] || fail "no $shim next to ksim"
for _ in $(seq 50); do
    line=$(KSIM_ROOT="$mnt" LD_PRELOAD="$shim" cat /dev/chardev_count 2>/dev/null) && break
    sleep 0.02 # the release of fd 3 is still on its way
done
[ "$line" = 'I already told you 1 times Hello world!' ] || fail "cat /dev/chardev_count with the shim: $line"
# FUSE delivers the release after close() returns.
for _ in $(seq 50); do
    [ "$("$KSIM" cat /sys/module/chardev_count/refcnt)" = 0 ] && break
    sleep 0.02
done
"$KSIM" rmmod chardev_count || fail "rmmod after close"
"$KSIM" halt || fail "halt"
trap - EXIT

# ksim run: a background host program keeps /dev/chardev_count open.
cat >"$KSIM_TEST_TMP/held.sh" <<'SCRIPT'
insmod chardev_count.ko
! (exec 3</dev/chardev_count; touch held; sleep 1) & while [ ! -e held ]; do sleep 0.01; done
cat /sys/module/chardev_count/refcnt
rmmod chardev_count
! sleep 1.3; rm held
cat /sys/module/chardev_count/refcnt
rmmod chardev_count
SCRIPT
rc=$(run_to "$out" "$KSIM" run -t "$d" --script "$KSIM_TEST_TMP/held.sh")
[ "$rc" = 1 ] || { cat "$out"; fail "run: exit $rc, want 1 (the refused rmmod)"; }
expect_line "$out" 'rmmod: ERROR: Module chardev_count is in use'
[ "$(grep -xc '1' "$out")" = 1 ] && [ "$(grep -xc '0' "$out")" = 1 ] ||
    { cat "$out"; fail "refcnt 1 while held, 0 after"; }
[ "$(grep -c '^\$ rmmod chardev_count' "$out")" = 2 ] || fail "two rmmods"
expect_no_text "$out" 'Module chardev_count is not currently loaded'
echo "dev_in_use: ok"
