#!/bin/bash
# Builds tests/fuzz/elf_fuzz.cpp with clang's libFuzzer, AddressSanitizer and
# UBSan (the main build is g++, so the needed sources are compiled here),
# makes a seed corpus (a small module object with debug information,
# truncated and corrupted copies, a real signed kernel module if the host has
# one) and fuzzes for a while.
# A fixed libFuzzer seed (KSIM_FUZZ_SEED, default 1) keeps CI runs a
# reproducible prefix of longer local runs.
# Usage: run_fuzz.sh WORK_DIR [SECONDS]. Exit 0 = no crash, 1 = crash (the
# input is left in WORK_DIR/crash-*), 77 = skipped (no clang).
set -u
src=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:?usage: run_fuzz.sh WORK_DIR [SECONDS]}
seconds=${2:-25}
mkdir -p "$work" && cd "$work" || exit 1

if ! command -v clang++ >/dev/null; then
    echo "SKIP: clang++ (with libFuzzer) is not installed"
    exit 77
fi

sources=("$src/tests/fuzz/elf_fuzz.cpp" "$src/src/elf/elf_file.cpp" "$src/src/elf/modinfo.cpp"
    "$src/src/elf/module_signature.cpp" "$src/src/elf/debug_lines.cpp")
rebuild=0
[ -x elf_fuzz ] || rebuild=1
for f in "${sources[@]}" "$src"/src/elf/*.h "$src"/src/support/*.h; do
    [ "$f" -nt elf_fuzz ] && rebuild=1
done
if [ "$rebuild" = 1 ]; then
    echo "building elf_fuzz"
    clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
        -I"$src/src" "${sources[@]}" -ldw -lelf -lfmt -o elf_fuzz.new || {
        echo "FAIL: could not build the fuzz target"
        exit 1
    }
    mv elf_fuzz.new elf_fuzz
fi

# Seed corpus, regenerated each run so it follows the object layout of the
# current compiler; libFuzzer adds what it finds to corpus/.
rm -rf seeds && mkdir -p seeds corpus
cat >seed.c <<'C'
#define INFO(id, text) \
    static const char info_##id[] __attribute__((section(".modinfo"), used)) = text
INFO(a, "license=GPL");
INFO(b, "parm=count:How many");
INFO(c, "parmtype=count:int");
INFO(d, "parmtype=name:charp");
INFO(e, "vermagic=6.1.0-ksim SMP preempt mod_unload ");
INFO(f, "name=seed");
struct kernel_param { const char *name; const void *ops; void *arg; };
extern const char ops[];
static int count;
static const struct kernel_param p __attribute__((section("__param"), used)) = {"count", ops, &count};
extern int printk(const char *, ...);
__attribute__((section(".init.text"))) int init_module(void) { return printk("hi %d\n", count); }
void cleanup_module(void) { count = 0; }
C
if gcc -O2 -g -fno-pic -fno-pie -mcmodel=small -c -o seed.o seed.c &&
    ld -r -m elf_x86_64 --build-id=sha1 -o seeds/seed.ko seed.o; then
    size=$(stat -c %s seeds/seed.ko)
    for cut in 16 64 65 100 $((size / 4)) $((size / 2)) $((size - 64)) $((size - 1)); do
        head -c "$cut" seeds/seed.ko >"seeds/cut-$cut"
    done
    for offset in 4 5 40 58 60 62 $((size - 8)) $((size - 40)) $((size - 60)); do
        cp seeds/seed.ko "seeds/flip-$offset"
        printf '\377' | dd of="seeds/flip-$offset" bs=1 seek="$offset" conv=notrunc status=none
    done
fi
# The smallest signed kernel module: PKCS#7 trailer and real-world layout.
real=$(find /lib/modules -name '*.ko' -size -24k 2>/dev/null | head -1)
[ -n "$real" ] && cp "$real" seeds/kernel.ko

echo "fuzzing for ${seconds}s"
./elf_fuzz -seed="${KSIM_FUZZ_SEED:-1}" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$work/" corpus seeds 2>fuzz.log
status=$?
grep -E 'stat::number_of_executed_units|stat::new_units_added|^Done' fuzz.log
if [ "$status" != 0 ]; then
    echo "FAIL: the fuzzer found a crash (exit $status):"
    grep -A30 -E '^==[0-9]+==ERROR|runtime error|deadly signal' fuzz.log | head -60
    ls "$work"/crash-* "$work"/timeout-* "$work"/oom-* 2>/dev/null
    exit 1
fi
echo "PASS: no crash"
