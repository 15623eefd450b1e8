#!/bin/bash
# A character device with a class node and a /proc seq_file (issue 5):
# read and written through the script's cat and echo, with the outputs the
# real Linux 6.1 gives for the same module (checked with run-real).
. "$(dirname "$0")/lib.sh"
out="$KSIM_TEST_TMP/out"
d=$(copy_example chardev_message)
"$KSIM" run -t "$d" -c 'insmod chardev_message.ko; cat /proc/devices; ls /dev;
    cat /dev/chardev_message; echo "new text" > /dev/chardev_message;
    cat /dev/chardev_message; cat /dev/chardev_message; cat /proc/chardev_message;
    cat /sys/class/chardev_message/chardev_message/dev; rmmod chardev_message; ls /dev;
    cat /dev/chardev_message' >"$out" 2>&1 || true
expect_line "$out" 'chardev_message: registered with major 246'
expect_line "$out" '246 chardev_message'
expect_line "$out" 'Character devices:'
expect_line "$out" 'hello from the kernel'
[ "$(grep -cx 'new text' "$out")" = 2 ] || fail "message read back twice"
expect_line "$out" 'reads: 3'
expect_line "$out" 'writes: 1'
expect_line "$out" 'length: 9'
expect_line "$out" '246:0'
expect_line "$out" 'chardev_message: unregistered'
grep -q "can't open '/dev/chardev_message'" "$out" || fail "node gone after rmmod"
expect_line "$out" 'no findings'
echo "dev_chardev: ok"
