#!/bin/bash
# Builds tests/fuzz/loader_fuzz.cpp with ksim's core compiled by clang with
# libFuzzer, AddressSanitizer and UBSan, seeds it with module objects built by
# ksim (examples/, when the build is available) plus truncated and corrupted
# copies, and fuzzes for a while. Modules are linked, never run.
# Usage: run_loader_fuzz.sh WORK_DIR KSIM [SECONDS]. Exit 0 = no crash,
# 1 = crash (input left in WORK_DIR/crash-*), 77 = skipped (no clang).
set -u
src=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:?usage}
ksim=${2:?usage}
seconds=${3:-20}
mkdir -p "$work" && work=$(cd "$work" && pwd) && cd "$work" || exit 1
command -v clang++ >/dev/null || { echo "SKIP: no clang++"; exit 77; }

mapfile -t sources < <(ls "$src"/src/{support,elf,kbuild,kernel,loader,api,check,vfs}/*.cpp \
    "$src"/src/loader/arch/*.cpp 2>/dev/null)
rebuild=0
[ -x loader_fuzz ] || rebuild=1
for f in "${sources[@]}" "$src"/tests/fuzz/loader_fuzz.cpp "$src"/src/*/*.h; do
    [ "$f" -nt loader_fuzz ] && rebuild=1
done
if [ "$rebuild" = 1 ]; then
    echo "building loader_fuzz (${#sources[@]} sources)"
    # -no-pie: module images live below 2 GiB and call into this binary with
    # 32-bit relocations, as in the real build.
    clang++ -std=c++20 -g -O1 -fno-pie -no-pie -fsanitize=fuzzer,address,undefined \
        -fno-sanitize-recover=all -fno-sanitize=function,vptr \
        -DKSIM_INCLUDE_DIR="\"$src/include\"" -DKSIM_KDIR="\"$work\"" \
        -DKSIM_SOURCE_DIR="\"$src\"" -I"$src/src" $(pkg-config --cflags libdw fuse3) \
        "${sources[@]}" "$src/tests/fuzz/loader_fuzz.cpp" \
        -lfmt $(pkg-config --libs libdw fuse3) -lpthread -o loader_fuzz.new 2>build.log || {
        echo "FAIL: could not build the loader fuzz target"; tail -30 build.log; exit 1; }
    mv loader_fuzz.new loader_fuzz
fi

rm -rf seeds && mkdir -p seeds corpus
for ex in hello params export; do
    [ -d "$src/examples/$ex" ] || continue
    cp -r "$src/examples/$ex" "ex-$ex"
    "$ksim" make "ex-$ex" >/dev/null 2>&1 || continue
    for ko in "ex-$ex"/*.ko; do
        cp "$ko" "seeds/$(basename "$ko")"
        size=$(stat -c %s "$ko")
        for cut in 64 200 $((size / 2)) $((size - 1)); do head -c "$cut" "$ko" >"seeds/cut-$cut-$(basename "$ko")"; done
    done
    rm -rf "ex-$ex"
done
# Inputs that once crashed the loader stay in the seed set.
cp "$src"/tests/fuzz/loader_regressions/* seeds/ 2>/dev/null || true

echo "fuzzing the loader for ${seconds}s"
ASAN_OPTIONS=detect_leaks=1 ./loader_fuzz -seed="${KSIM_FUZZ_SEED:-1}" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$work/" corpus seeds 2>fuzz.log
status=$?
grep -E 'stat::number_of_executed_units|stat::new_units_added' fuzz.log
if [ "$status" != 0 ]; then
    echo "FAIL: the loader fuzzer found a problem (exit $status):"
    grep -A40 -E '^==[0-9]+==ERROR|runtime error|deadly signal' fuzz.log | head -70
    exit 1
fi
echo "no crash"
