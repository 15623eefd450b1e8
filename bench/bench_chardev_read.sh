#!/usr/bin/env bash
# read() calls per second on a module's character device (bench/zero_dev):
# in-process through vfs::Vfs, and from a host program through the FUSE
# mount (`ksim run --prog`), each against read() on the host's /dev/zero in
# the same run. Needs /dev/fuse for the second part.
# usage: bench_chardev_read.sh KSIM BUILD_DIR SOURCE_DIR
set -euo pipefail
ksim=$1 build=$2 src=$3
seconds=${KSIM_BENCH_SECONDS:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$src/bench/zero_dev" "$work/zero_dev"
"$ksim" make "$work/zero_dev" >/dev/null
"$build/bench/ksim_vfs_read_bench" "$work/zero_dev/zero_dev.ko" "$seconds"

if [ ! -e /dev/fuse ]; then
    echo "(no /dev/fuse: the FUSE figures are skipped)"
    exit 0
fi
cc -O2 -o "$work/zero_dev/read_loop" "$work/zero_dev/read_loop.c"
for size in 1 4096; do
    # The same program, the same /dev path style: the kernel's device
    # through the mount (LD_PRELOAD shim), then the host's /dev/zero.
    out=$("$ksim" run -t "$work/zero_dev" --prog "read_loop.c /dev/zero_dev $size $seconds" \
        -c "insmod zero_dev.ko; ! ./read_loop /dev/zero_dev $size $seconds; rmmod zero_dev")
    fuse_rate=$(printf '%s\n' "$out" | grep -xE '[0-9]+' | head -1)
    host_rate=$("$work/zero_dev/read_loop" /dev/zero "$size" "$seconds")
    [ -n "$fuse_rate" ] || { printf '%s\n' "$out"; echo "the FUSE run failed"; exit 1; }
    awk -v s="$size" -v f="$fuse_rate" -v h="$host_rate" 'BEGIN {
        printf "%4d-byte read() through FUSE:       %10d/s   host /dev/zero: %10d/s   ratio %.4f\n",
            s, f, h, f / h }'
done
