#!/usr/bin/env bash
# Fault-sweep speed: failure paths per second of `ksim run --fault-sweep` on
# examples/kmalloc_message (a forked kernel per path), against the naive way
# of sweeping, one `ksim run --fail-nth N` process per path, in the same run.
# usage: bench_sweep.sh KSIM BUILD_DIR SOURCE_DIR [REPEATS]
set -euo pipefail
ksim=$1 src=$3 repeats=${4:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$src/examples/kmalloc_message" "$work/m"
"$ksim" make "$work/m" >/dev/null
paths=$("$ksim" run "$work/m" --no-build --fault-sweep | sed -nE 's/.* ([0-9]+) runs$/\1/p')

t0=$(date +%s.%N)
for _ in $(seq "$repeats"); do "$ksim" run "$work/m" --no-build --fault-sweep >/dev/null; done
t1=$(date +%s.%N)
for _ in $(seq "$repeats"); do
    for n in $(seq 0 $((paths - 1))); do
        "$ksim" run "$work/m" --no-build --fail-nth "$n" >/dev/null 2>&1 || true
    done
done
t2=$(date +%s.%N)
sweep=$(echo "scale=1; $repeats * $paths / ($t1 - $t0)" | bc)
naive=$(echo "scale=1; $repeats * $paths / ($t2 - $t1)" | bc)
echo "fault sweep: $sweep paths/s ($paths paths per sweep)"
echo "one ksim run per path: $naive paths/s"
echo "ratio sweep/naive: $(echo "scale=2; $sweep / $naive" | bc)"
