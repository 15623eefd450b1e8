#!/usr/bin/env bash
# Time to build examples/hello with ksim and, where Debian's
# linux-headers-*-amd64 is installed, with real kbuild on a copy of the same
# source, in one run; prints both medians and their ratio.
# usage: bench_build.sh KSIM BUILD_DIR SOURCE_DIR [RUNS]
set -euo pipefail
ksim=$1 src=$3 runs=${4:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_runs() { # DIR COMMAND...: seconds for each of $runs clean builds
    local dir=$1
    shift
    for _ in $(seq "$runs"); do
        rm -f "$dir"/*.o "$dir"/*.ko "$dir"/*.mod* "$dir"/Module.symvers "$dir"/modules.order
        local t0 t1
        t0=$(date +%s.%N)
        "$@" >/dev/null 2>&1
        t1=$(date +%s.%N)
        echo "$t1 - $t0" | bc
    done
}

cp -r "$src/examples/hello" "$work/ksim-hello"
ksim_s=$(time_runs "$work/ksim-hello" "$ksim" make "$work/ksim-hello" | median)
echo "ksim make examples/hello:      ${ksim_s}s (median of $runs)"

kdir=$(ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | head -1 || true)
if [ -n "$kdir" ]; then
    cp -r "$src/examples/hello" "$work/real-hello"
    real_s=$(time_runs "$work/real-hello" make -C "$kdir" M="$work/real-hello" modules | median)
    echo "real kbuild ($(basename "$kdir")): ${real_s}s (median of $runs)"
    echo "ratio real/ksim: $(echo "scale=2; $real_s / $ksim_s" | bc)"
else
    echo "real kbuild: linux-headers-amd64 not installed; no ratio"
fi
