#!/usr/bin/env bash
# Runs every ksim benchmark; figures go into the README's Performance section.
# usage: run_benchmarks.sh KSIM BUILD_DIR SOURCE_DIR
set -euo pipefail
ksim=$1 build=$2 src=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== module load/unload cycles"
cp -r "$src/examples/hello" "$work/hello"
"$ksim" make "$work/hello" >/dev/null
printf 'int bench_value(void) { return 42; }\n' > "$work/tiny.c"
gcc -shared -fPIC -o "$work/tiny.so" "$work/tiny.c"
"$build/bench/ksim_module_cycle_bench" "$work/hello/hello.ko" "$work/tiny.so" 2

for extra in "$src"/bench/bench_*.sh; do
    [ -e "$extra" ] || continue
    echo "== $(basename "$extra" .sh)"
    bash "$extra" "$ksim" "$build" "$src"
done
