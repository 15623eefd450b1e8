#!/usr/bin/env bash
# Times a clean build of examples/hello with ksim (`ksim make`) and, where
# Debian's kernel headers are installed, with the real kbuild on a copy of
# the same source; prints the median of each and the ratio.
# usage: bench_build_hello.sh KSIM BUILD_DIR SOURCE_DIR [RUNS]
set -euo pipefail
ksim=$1 src=$3 runs=${4:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$src/examples/hello" "$work/ksim_hello"
cp -r "$src/examples/hello" "$work/real_hello"

# Until ksim's export table has _printk the build would stop at modpost;
# declare it as a kernel export then, so that the whole pipeline is timed.
extra=()
if ! grep -q $'\t_printk\t' "$("$ksim" kdir)/Module.symvers" 2>/dev/null; then
    printf '0x00000000\t_printk\tvmlinux\tEXPORT_SYMBOL\t\n' >"$work/extra.symvers"
    extra=("KBUILD_EXTRA_SYMBOLS=$work/extra.symvers")
fi

now() { date +%s.%N; }
# median of the arguments
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

ksim_times=()
for ((i = 0; i < runs; i++)); do
    "$ksim" make "$work/ksim_hello" clean >/dev/null
    t0=$(now)
    "$ksim" make "$work/ksim_hello" "${extra[@]}" >/dev/null
    t1=$(now)
    ksim_times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")
done
[ -f "$work/ksim_hello/hello.ko" ] || { echo "ksim build produced no hello.ko" >&2; exit 1; }
ksim_median=$(median "${ksim_times[@]}")
printf 'ksim make (clean build of hello):      %.3f s median of %d\n' "$ksim_median" "$runs"

kdir=$(ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | head -1 || true)
if [ -z "$kdir" ]; then
    echo "real kbuild: no /usr/src/linux-headers-*-amd64, skipped"
    exit 0
fi
real_times=()
for ((i = 0; i < runs; i++)); do
    make -s -C "$kdir" M="$work/real_hello" clean >/dev/null 2>&1
    t0=$(now)
    LC_ALL=C make -s -C "$kdir" M="$work/real_hello" modules >/dev/null 2>&1
    t1=$(now)
    real_times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")
done
real_median=$(median "${real_times[@]}")
printf 'real kbuild (%s): %.3f s median of %d\n' "$(basename "$kdir")" "$real_median" "$runs"
printf 'ratio real/ksim: %.1fx\n' "$(awk -v r="$real_median" -v k="$ksim_median" 'BEGIN {print r / k}')"
