#!/bin/bash
# ksim modinfo on malformed, truncated and non-module files must fail with
# kmod's messages and exit status (and never crash).
set -u
source "$KSIM_SOURCE_DIR/tests/e2e/lib/modinfo.sh"
require_kmod
rm -rf "$KSIM_TEST_TMP" && mkdir -p "$KSIM_TEST_TMP" && cd "$KSIM_TEST_TMP" || exit 1

cat >good.c <<'C'
static const char license[] __attribute__((section(".modinfo"), used)) = "license=GPL";
static const char bad_parm[] __attribute__((section(".modinfo"), used)) = "parm=nocolon";
static const char name[] __attribute__((section(".modinfo"), used)) = "name=good";
int init_module(void) { return 0; }
C
build_ko good || { echo "FAIL: could not compile the test module"; exit 1; }
echo 'int plain;' >plain.c && gcc -c -o no-modinfo.ko plain.c

: >empty.ko
printf 'abc' >tiny.ko
printf '\177ELF\002\001\001' >ident-only.ko
head -c 64 good.ko >header-only.ko
head -c 65 good.ko >header-plus-one.ko
head -c 300 good.ko >truncated.ko
head -c 4096 /dev/zero | tr '\0' 'x' >text.ko
mkdir -p directory.ko
# Every single-byte corruption of the ELF header, one file each.
size=$(stat -c %s good.ko)
for offset in 4 5 18 40 41 58 60 62; do
    cp good.ko "corrupt-$offset.ko"
    printf '\377' | dd of="corrupt-$offset.ko" bs=1 seek=$offset conv=notrunc status=none
done
# Section headers pointing past the end of the file.
cp good.ko shoff.ko
printf '\377\377\377\000' | dd of=shoff.ko bs=1 seek=40 conv=notrunc status=none
# Truncations at many points through the file.
for cut in 1 7 17 100 $((size / 3)) $((size / 2)) $((size - 100)) $((size - 1)); do
    head -c "$cut" good.ko >"cut-$cut.ko"
done

for file in good.ko no-modinfo.ko empty.ko tiny.ko ident-only.ko header-only.ko \
    header-plus-one.ko truncated.ko text.ko directory.ko shoff.ko corrupt-*.ko cut-*.ko; do
    compare_modinfo "$file"
    compare_modinfo -p "$file"
    compare_modinfo -F license "$file"
done
compare_modinfo -n no-modinfo.ko
compare_modinfo good.ko missing.ko empty.ko good.ko

[ "$modinfo_failures" = 0 ] || exit 1
echo "PASS: ksim modinfo fails like kmod on malformed files"
