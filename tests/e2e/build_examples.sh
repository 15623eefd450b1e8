#!/bin/bash
# Builds examples through `make -C $(ksim kdir) M=...` and `ksim make`, and
# checks the printed lines (Linux 6.1 kbuild's, verified against the real
# kbuild of linux-headers-6.1.0-56-amd64), the produced files, the generated
# .mod.c, Module.symvers and modules.order, rebuild-only-when-changed and clean.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/kbuild.sh"
cd "$KSIM_TEST_TMP"
stub="$KSIM_TEST_TMP/stub.symvers"
kbuild_stub_symvers "$stub"

# hello through make -C kdir M=
d=$(copy_example hello)
make -C "$KDIR" M="$d" KBUILD_EXTRA_SYMBOLS="$stub" modules >out.txt 2>err.txt ||
    { cat out.txt err.txt; fail "hello: make modules failed"; }
expect_line out.txt "make: Entering directory '$KDIR'"
expect_line out.txt "  CC [M]  $d/hello.o"
expect_line out.txt "  MODPOST $d/Module.symvers"
expect_line out.txt "  CC [M]  $d/hello.mod.o"
expect_line out.txt "  LD [M]  $d/hello.ko"
for f in hello.ko hello.mod.c hello.mod Module.symvers modules.order compile_commands.json; do
    [ -f "$d/$f" ] || fail "hello: $f was not written"
done
[ "$(cat "$d/hello.mod")" = "$d/hello.o" ] || fail "hello.mod: $(cat "$d/hello.mod")"
[ "$(cat "$d/modules.order")" = "$d/hello.ko" ] || fail "modules.order: $(cat "$d/modules.order")"
[ ! -s "$d/Module.symvers" ] || fail "hello exports nothing, Module.symvers must be empty"
expect_line "$d/hello.mod.c" 'MODULE_INFO(depends, "");'
expect_line "$d/hello.mod.c" $'\t.init = init_module,'
expect_no_text "$d/hello.mod.c" srcversion
sections=$(readelf -SW "$d/hello.ko")
grep -qF .gnu.linkonce.this_module <<<"$sections" || fail "hello.ko has no this_module"
modinfo=$(objcopy -O binary --only-section=.modinfo "$d/hello.ko" /dev/stdout | tr '\0' '\n')
grep -qx 'vermagic=6.1.0-ksim SMP preempt mod_unload ' <<<"$modinfo" || fail "hello.ko: vermagic"
grep -q '"file": "'"$d"'/hello.c"' "$d/compile_commands.json" || fail "compile_commands.json"

# Nothing changed: nothing is rebuilt (kbuild prints no line at all).
make --no-print-directory -C "$KDIR" M="$d" KBUILD_EXTRA_SYMBOLS="$stub" modules >out2.txt 2>&1 || fail "rebuild"
[ ! -s out2.txt ] || { cat out2.txt; fail "an up-to-date build printed something"; }
# A touched source is recompiled and relinked.
sleep 1 && touch "$d/hello.c"
make --no-print-directory -C "$KDIR" M="$d" KBUILD_EXTRA_SYMBOLS="$stub" modules >out3.txt 2>&1 || fail "rebuild 2"
expect_line out3.txt "  CC [M]  $d/hello.o"
expect_line out3.txt "  LD [M]  $d/hello.ko"

# make -s silences kbuild's lines (quiet=silent_), as in the real kbuild.
sleep 1 && touch "$d/hello.c"
make -s -C "$KDIR" M="$d" KBUILD_EXTRA_SYMBOLS="$stub" modules >out4.txt 2>&1 || fail "rebuild -s"
[ ! -s out4.txt ] || { cat out4.txt; fail "make -s printed progress lines"; }
[ "$d/hello.ko" -nt "$d/hello.c" ] || fail "make -s did not rebuild hello.ko"

# clean prints kbuild's CLEAN line and removes every product.
make --no-print-directory -C "$KDIR" M="$d" clean >clean.txt 2>&1 || fail "clean failed"
expect_line clean.txt "  CLEAN   $d/Module.symvers $d/compile_commands.json"
left=$(cd "$d" && ls -A | sort | tr '\n' ' ')
[ "$left" = "Makefile hello.c " ] || fail "clean left: $left"

# ksim make on an LDD3-style Makefile (its own targets are never run).
d=$(copy_example ldd3_style)
"$KSIM" make "$d" KBUILD_EXTRA_SYMBOLS="$stub" >out.txt 2>&1 || { cat out.txt; fail "ldd3_style"; }
expect_line out.txt "  CC [M]  $d/hellop.o"
expect_line out.txt "  LD [M]  $d/hellop.ko"
[ -f "$d/hellop.ko" ] || fail "hellop.ko missing"
(cd "$d" && "$KSIM" make . clean >/dev/null) && [ ! -e "$d/hellop.ko" ] || fail "ksim make clean"

# The LDD3 two-pass Makefile driven by its own default target with
# KERNELDIR=$(ksim kdir): kbuild reads it again with KERNELRELEASE set.
d=$(copy_example ldd3_style)
make -C "$d" KERNELDIR="$KDIR" KBUILD_EXTRA_SYMBOLS="$stub" >out.txt 2>&1 || { cat out.txt; fail "ldd3 make"; }
[ -f "$d/hellop.ko" ] || fail "ldd3_style via its own Makefile: no hellop.ko"

# A module name with '-': KBUILD_MODNAME uses '_' (scripts/Makefile.lib).
mkdir -p "$KSIM_TEST_TMP/dash"
echo 'obj-m += my-mod.o' >"$KSIM_TEST_TMP/dash/Makefile"
printf '%s\n' '#include <linux/module.h>' 'MODULE_LICENSE("GPL");' \
    'const char *ksim_name = KBUILD_MODNAME;' >"$KSIM_TEST_TMP/dash/my-mod.c"
"$KSIM" make "$KSIM_TEST_TMP/dash" >out.txt 2>&1 || { cat out.txt; fail "my-mod"; }
strings "$KSIM_TEST_TMP/dash/my-mod.ko" | grep -qx 'name=my_mod' || fail "my-mod: name= is not my_mod"

# multi_file: <mod>-objs and ccflags-y; the composite object is linked first.
d=$(copy_example multi_file)
(cd "$d" && "$KSIM" make KBUILD_EXTRA_SYMBOLS="$stub") >out.txt 2>&1 || { cat out.txt; fail "multi"; }
diff <(grep -v '^make' out.txt) - <<EXPECTED || fail "multi_file: lines differ from kbuild's"
  CC [M]  $d/main.o
  CC [M]  $d/counter.o
  LD [M]  $d/multi.o
  MODPOST $d/Module.symvers
  CC [M]  $d/multi.mod.o
  LD [M]  $d/multi.ko
EXPECTED
printf '%s\n%s\n' "$d/main.o" "$d/counter.o" | cmp -s - "$d/multi.mod" || fail "multi.mod"

# export: two modules; consumer depends on provider; final links sorted.
d=$(copy_example export)
make --no-print-directory -C "$KDIR" M="$d" KBUILD_EXTRA_SYMBOLS="$stub" >out.txt 2>&1 || { cat out.txt; fail "export"; }
diff out.txt - <<EXPECTED || fail "export: lines differ from kbuild's"
  CC [M]  $d/provider.o
  CC [M]  $d/consumer.o
  MODPOST $d/Module.symvers
  CC [M]  $d/consumer.mod.o
  LD [M]  $d/consumer.ko
  CC [M]  $d/provider.mod.o
  LD [M]  $d/provider.ko
EXPECTED
printf '0x00000000\tprovider_add\t%s/provider\tEXPORT_SYMBOL\t\n0x00000000\tprovider_secret\t%s/provider\tEXPORT_SYMBOL_GPL\t\n' \
    "$d" "$d" | cmp -s - "$d/Module.symvers" || { cat -A "$d/Module.symvers"; fail "Module.symvers"; }
expect_line "$d/consumer.mod.c" 'MODULE_INFO(depends, "provider");'
expect_line "$d/provider.mod.c" 'MODULE_INFO(depends, "");'
printf '%s\n%s\n' "$d/provider.ko" "$d/consumer.ko" | cmp -s - "$d/modules.order" || fail "order"

# init_mismatch: 6.1's one-line section mismatch warning; the build succeeds.
d=$(copy_example init_mismatch)
"$KSIM" make "$d" KBUILD_EXTRA_SYMBOLS="$stub" >out.txt 2>err.txt || { cat out.txt err.txt; fail "init_mismatch must build"; }
expect_line err.txt "WARNING: modpost: $d/init_mismatch.o: section mismatch in reference: cleanup_module (section: .exit.text) -> start_value (section: .init.data)"
[ -f "$d/init_mismatch.ko" ] || fail "init_mismatch.ko missing"

# no_license: modpost's error, no .ko, exit status 4 (make: 2).
d=$(copy_example no_license)
set +e
"$KSIM" make "$d" KBUILD_EXTRA_SYMBOLS="$stub" >out.txt 2>err.txt
rc=$?
set -e
[ "$rc" = 4 ] || fail "no_license: ksim make exited $rc, want 4"
expect_line err.txt "ERROR: modpost: missing MODULE_LICENSE() in $d/no_license.o"
[ ! -e "$d/no_license.ko" ] || fail "no_license.ko must not be built"
set +e
make -s -C "$KDIR" M="$d" KBUILD_EXTRA_SYMBOLS="$stub" modules >out.txt 2>err.txt
rc=$?
set -e
[ "$rc" = 2 ] || fail "no_license: make exited $rc, want 2"
expect_line err.txt "ERROR: modpost: missing MODULE_LICENSE() in $d/no_license.o"
# Every example builds both ways (no_license fails both ways), and each
# module named in modules.order has its .ko, .mod.c and .mod.
for src in "$KSIM_SOURCE_DIR"/examples/*/; do
    name=$(basename "$src")
    for how in make ksim; do
        d="$KSIM_TEST_TMP/all-$how-$name"
        rm -rf "$d" && cp -r "$src" "$d"
        set +e
        if [ $how = make ]; then
            make -C "$KDIR" M="$d" KBUILD_EXTRA_SYMBOLS="$stub" modules >out.txt 2>&1
        else
            "$KSIM" make "$d" KBUILD_EXTRA_SYMBOLS="$stub" >out.txt 2>&1
        fi
        rc=$?
        set -e
        if [ "$name" = no_license ]; then
            [ "$rc" != 0 ] || fail "$name ($how) must fail"
            continue
        fi
        [ "$rc" = 0 ] || { cat out.txt; fail "$name ($how): build failed"; }
        [ -s "$d/modules.order" ] || fail "$name ($how): empty modules.order"
        while read -r ko; do
            for f in "$ko" "${ko%.ko}.mod.c" "${ko%.ko}.mod"; do
                [ -f "$f" ] || fail "$name ($how): $f missing"
            done
            expect_line out.txt "  LD [M]  $ko"
        done <"$d/modules.order"
    done
done
echo "build_examples: ok"
