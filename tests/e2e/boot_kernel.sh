#!/bin/bash
# A kernel kept running with `ksim boot`, driven by ksim insmod/lsmod/cat/
# rmmod/dmesg from the shell through its private control socket.
. "$(dirname "$0")/lib.sh"
export XDG_RUNTIME_DIR="$KSIM_TEST_TMP/run"
mkdir -p "$XDG_RUNTIME_DIR"
export KSIM_KERNEL="e2e-$$"
d=$(copy_example hello)
"$KSIM" make "$d" >/dev/null 2>&1 || fail "build hello"
trap '"$KSIM" halt >/dev/null 2>&1 || true' EXIT

rc=$(run_to /dev/null "$KSIM" lsmod)
[ "$rc" = 1 ] || fail "lsmod without a kernel: exit $rc"
"$KSIM" boot >"$KSIM_TEST_TMP/boot.out" || fail "boot"
sock="$XDG_RUNTIME_DIR/ksim/$KSIM_KERNEL.sock"
[ -S "$sock" ] || fail "no socket at $sock"
[ "$(stat -c %a "$sock")" = 600 ] || fail "socket mode $(stat -c %a "$sock")"
[ "$(stat -c %a "$XDG_RUNTIME_DIR/ksim")" = 700 ] || fail "socket directory mode"
rc=$(run_to /dev/null "$KSIM" boot)
[ "$rc" = 1 ] || fail "second boot of the same kernel: exit $rc"

cd "$d"
"$KSIM" insmod hello.ko || fail "insmod"
"$KSIM" lsmod >"$KSIM_TEST_TMP/lsmod.out"
grep -qE '^hello +[0-9]+  0$' "$KSIM_TEST_TMP/lsmod.out" || fail "lsmod"
[ "$("$KSIM" cat /sys/module/hello/initstate)" = live ] || fail "initstate"
rc=$(run_to "$KSIM_TEST_TMP/err" "$KSIM" insmod hello.ko)
[ "$rc" = 1 ] || fail "duplicate insmod: exit $rc"
expect_line "$KSIM_TEST_TMP/err" 'insmod: ERROR: could not insert module hello.ko: File exists'
"$KSIM" rmmod hello || fail "rmmod"
"$KSIM" dmesg -t >"$KSIM_TEST_TMP/dmesg.out"
expect_line "$KSIM_TEST_TMP/dmesg.out" 'hello: Hello, world'
expect_line "$KSIM_TEST_TMP/dmesg.out" 'hello: Goodbye, world'
"$KSIM" dmesg -C
[ -z "$("$KSIM" dmesg)" ] || fail "dmesg -C did not clear"
"$KSIM" halt || fail "halt"
trap - EXIT
[ ! -e "$sock" ] || fail "socket left behind"
echo "boot_kernel: ok"
