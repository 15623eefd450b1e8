#!/bin/bash
# The LKMPG-style file examples (issue 5, "Tests"): a counting char device
# read twice by cat, a kobj_attribute in /sys/kernel read and written, a
# debugfs directory, a /proc seq_file walked with start/next/stop/show —
# each through the script's commands and, where FUSE is available, from host
# programs using the real paths.
. "$(dirname "$0")/lib.sh"
out="$KSIM_TEST_TMP/out"
fuse=yes
if [ ! -e /dev/fuse ] || ! command -v fusermount3 >/dev/null; then fuse=; fi

# (b) The counting char device: each open tells one time more.
d=$(copy_example chardev_count)
"$KSIM" run -t "$d" -c 'insmod chardev_count.ko; cat /dev/chardev_count; cat /dev/chardev_count
    echo hi > /dev/chardev_count; cat /proc/chardev_count; cat /proc/devices; rmmod chardev_count' >"$out" 2>&1 ||
    true
expect_line "$out" 'chardev_count: I was assigned major number 246.'
expect_line "$out" 'chardev_count: Device created on /dev/chardev_count'
expect_line "$out" 'I already told you 0 times Hello world!'
expect_line "$out" 'I already told you 1 times Hello world!'
expect_line "$out" 'chardev_count: Sorry, this operation is not supported.'
expect_line "$out" 'sh: write error: Invalid argument'
# The seq_file iterator: one line per open, three opens so far.
[ "$(grep -cE '^open [0-9]+: pid [0-9]+$' "$out")" = 3 ] || { cat "$out"; fail "seq_file lines"; }
expect_line "$out" '246 chardev_count'
if [ -n "$fuse" ]; then
    "$KSIM" run -t "$d" -c 'insmod chardev_count.ko; ! cat /dev/chardev_count; ! cat /dev/chardev_count
        ! cat /proc/chardev_count; rmmod chardev_count' >"$out" 2>&1 || { cat "$out"; fail "host cat"; }
    expect_line "$out" 'I already told you 0 times Hello world!'
    expect_line "$out" 'I already told you 1 times Hello world!'
    # The host's cat processes opened it: their pids, two lines.
    [ "$(grep -cE '^open [12]: pid [0-9]+$' "$out")" = 2 ] || { cat "$out"; fail "host opens in /proc"; }
fi

# (c) sysfs: a kobject under /sys/kernel with a read-write and a read-only
# kobj_attribute.
d=$(copy_example hello_sysfs)
"$KSIM" run -t "$d" -c 'insmod hello_sysfs.ko; ls -l /sys/kernel/hello_sysfs
    cat /sys/kernel/hello_sysfs/value; echo 12 > /sys/kernel/hello_sysfs/value
    cat /sys/kernel/hello_sysfs/value; echo twelve > /sys/kernel/hello_sysfs/value
    echo 1 > /sys/kernel/hello_sysfs/writes; cat /sys/kernel/hello_sysfs/writes; rmmod hello_sysfs
    ls /sys/kernel/hello_sysfs' >"$out" 2>&1 || true
expect_text "$out" '-rw-rw-r--    1 0        0             4096 Jan  1 00:00 value'
expect_text "$out" '-r--r--r--    1 0        0             4096 Jan  1 00:00 writes'
expect_line "$out" 'hello_sysfs: value is now 12'
expect_line "$out" '12'
expect_line "$out" 'sh: write error: Invalid argument'
expect_line "$out" "sh: can't create /sys/kernel/hello_sysfs/writes: Permission denied"
expect_line "$out" 'hello_sysfs: exit after 1 writes'
expect_text "$out" "ls: /sys/kernel/hello_sysfs: No such file or directory"
if [ -n "$fuse" ]; then
    "$KSIM" run -t "$d" -c 'insmod hello_sysfs.ko; ! echo 99 > /sys/kernel/hello_sysfs/value
        ! cat /sys/kernel/hello_sysfs/value /sys/kernel/hello_sysfs/writes; rmmod hello_sysfs' >"$out" 2>&1 ||
        { cat "$out"; fail "host sysfs"; }
    expect_line "$out" 'hello_sysfs: value is now 99'
    expect_line "$out" '99'
    expect_line "$out" 'hello_sysfs: exit after 1 writes'
fi

# (d) debugfs: a u32 read and written by debugfs itself, a u64, and a file
# with its own read.
d=$(copy_example debugfs_stats)
"$KSIM" run -t "$d" -c 'insmod debugfs_stats.ko; ls /sys/kernel/debug/debugfs_stats
    cat /sys/kernel/debug/debugfs_stats/counter; echo 41 > /sys/kernel/debug/debugfs_stats/counter
    cat /sys/kernel/debug/debugfs_stats/summary; cat /sys/kernel/debug/debugfs_stats/summary
    cat /sys/kernel/debug/debugfs_stats/ticks; echo x > /sys/kernel/debug/debugfs_stats/counter
    rmmod debugfs_stats; ls /sys/kernel/debug/debugfs_stats' >"$out" 2>&1 || true
expect_line "$out" 'counter'
expect_line "$out" 'summary'
expect_line "$out" '7'
expect_line "$out" 'counter=41 ticks=0'
expect_line "$out" 'counter=41 ticks=1'
expect_line "$out" '2'
expect_line "$out" 'sh: write error: Invalid argument'
expect_text "$out" 'ls: /sys/kernel/debug/debugfs_stats: No such file or directory'
expect_line "$out" 'no findings'
if [ -n "$fuse" ]; then
    "$KSIM" run -t "$d" -c 'insmod debugfs_stats.ko; ! echo 0x10 > /sys/kernel/debug/debugfs_stats/counter
        ! cat /sys/kernel/debug/debugfs_stats/summary; rmmod debugfs_stats' >"$out" 2>&1 ||
        { cat "$out"; fail "host debugfs"; }
    expect_line "$out" 'counter=16 ticks=0'
fi
echo "dev_lkmpg_files: ok"
