#!/bin/bash
# The module build (issue 2): every example builds with its own Makefile
# through `ksim make` and through `make -C $(ksim kdir) M=...`, printing
# kbuild's lines and writing kbuild's files; modpost's errors and warnings
# use the kernel's words (texts checked against Linux 6.1's kbuild).
. "$(dirname "$0")/lib.sh"

# hello through ksim make: the exact kbuild lines, the files.
d=$(copy_example hello)
"$KSIM" make "$d" >"$KSIM_TEST_TMP/hello.out" 2>&1 || fail "ksim make hello failed"
cat >"$KSIM_TEST_TMP/hello.want" <<OUT
  CC [M]  $d/hello.o
  MODPOST $d/Module.symvers
  CC [M]  $d/hello.mod.o
  LD [M]  $d/hello.ko
OUT
diff -u "$KSIM_TEST_TMP/hello.want" "$KSIM_TEST_TMP/hello.out" || fail "hello build lines"
for f in hello.ko hello.mod.c hello.mod Module.symvers modules.order compile_commands.json; do
    [ -f "$d/$f" ] || fail "hello: $f missing"
done
expect_line "$d/modules.order" "$d/hello.ko"
python3 -c "import json,sys; e=json.load(open(sys.argv[1])); assert any(x['file'].endswith('hello.c') and '-nostdinc' in x['arguments'] for x in e)" \
    "$d/compile_commands.json" || fail "compile_commands.json has no hello.c entry"
expect_text "$d/hello.mod.c" 'MODULE_INFO(vermagic, VERMAGIC_STRING);'
expect_text "$d/hello.mod.c" '.init = init_module,'

# clean removes what the build made.
"$KSIM" make "$d" clean >/dev/null || fail "clean failed"
for f in hello.ko hello.o hello.mod.c Module.symvers modules.order; do
    [ ! -e "$d/$f" ] || fail "clean left $f"
done
[ -f "$d/hello.c" ] || fail "clean removed the source"

# The same through make -C "$(ksim kdir)" M=...: make's own directory lines too.
kdir=$("$KSIM" kdir)
make -C "$kdir" M="$d" modules >"$KSIM_TEST_TMP/make.out" 2>&1 || fail "make -C kdir failed"
expect_line "$KSIM_TEST_TMP/make.out" "make: Entering directory '$kdir'"
expect_line "$KSIM_TEST_TMP/make.out" "  LD [M]  $d/hello.ko"
[ -f "$d/hello.ko" ] || fail "make -C kdir made no .ko"
[ -f "$kdir/Module.symvers" ] || fail "kdir has no Module.symvers"
grep -qP '^0x00000000\t_printk\tvmlinux\tEXPORT_SYMBOL\t$' "$kdir/Module.symvers" ||
    fail "kdir/Module.symvers does not list _printk"

# The LDD3 two-pass Makefile, driven by its own default target with KERNELDIR.
d=$(copy_example ldd3_style)
make -C "$d" KERNELDIR="$kdir" >"$KSIM_TEST_TMP/ldd3.out" 2>&1 || { cat "$KSIM_TEST_TMP/ldd3.out"; fail "ldd3 make"; }
[ -f "$d/hellop.ko" ] || fail "ldd3_style: no hellop.ko"
# ... and ksim make ignores its targets that hard-code /lib/modules.
rm -f "$d"/*.ko
"$KSIM" make "$d" >/dev/null 2>&1 || fail "ksim make ldd3_style"
[ -f "$d/hellop.ko" ] || fail "ldd3_style via ksim make: no hellop.ko"

# Two modules, one using the other's exports: symvers and depends.
d=$(copy_example export)
"$KSIM" make "$d" >"$KSIM_TEST_TMP/export.out" 2>&1 || fail "export build"
grep -qP "^0x[0-9a-f]{8}\tprovider_add\t$d/provider\tEXPORT_SYMBOL\t$" "$d/Module.symvers" ||
    fail "Module.symvers lacks provider_add"
grep -qP "^0x[0-9a-f]{8}\tprovider_secret\t$d/provider\tEXPORT_SYMBOL_GPL\t$" "$d/Module.symvers" ||
    fail "Module.symvers lacks provider_secret (GPL)"
expect_text "$d/consumer.mod.c" 'MODULE_INFO(depends, "provider");'
expect_line "$d/modules.order" "$d/provider.ko"
expect_line "$d/modules.order" "$d/consumer.ko"

# Several source files: the composite object is linked first.
d=$(copy_example multi_file)
"$KSIM" make "$d" >"$KSIM_TEST_TMP/multi.out" 2>&1 || fail "multi_file build"
expect_line "$KSIM_TEST_TMP/multi.out" "  LD [M]  $d/multi.o"
expect_line "$KSIM_TEST_TMP/multi.out" "  LD [M]  $d/multi.ko"

# No license: modpost's error, the build fails with status 4.
d=$(copy_example no_license)
rc=$(run_to "$KSIM_TEST_TMP/nolic.out" "$KSIM" make "$d")
[ "$rc" = 4 ] || fail "no_license: exit status $rc, want 4"
expect_line "$KSIM_TEST_TMP/nolic.out" "ERROR: modpost: missing MODULE_LICENSE() in $d/no_license.o"
[ ! -e "$d/no_license.ko" ] || fail "no_license: a .ko was made"

# __exit reading __initdata: the section mismatch warning, build succeeds.
d=$(copy_example init_mismatch)
"$KSIM" make "$d" >"$KSIM_TEST_TMP/mismatch.out" 2>&1 || fail "init_mismatch build failed"
expect_line "$KSIM_TEST_TMP/mismatch.out" \
    "WARNING: modpost: $d/init_mismatch.o: section mismatch in reference: cleanup_module (section: .exit.text) -> start_value (section: .init.data)"

# Fixtures: an undefined symbol, a GPL-only symbol used by a proprietary
# module, a compiler error, floating point.
f="$KSIM_TEST_TMP/fixtures"
mkdir -p "$f/undef" "$f/gpl" "$f/broken" "$f/fpu"
cat >"$f/undef/undef.c" <<'C'
#include <linux/module.h>
void no_such_function(void);
static int __init u_init(void) { no_such_function(); return 0; }
module_init(u_init);
MODULE_LICENSE("GPL");
C
echo 'obj-m := undef.o' >"$f/undef/Makefile"
rc=$(run_to "$KSIM_TEST_TMP/undef.out" "$KSIM" make "$f/undef")
[ "$rc" = 4 ] || fail "undefined symbol: exit $rc"
expect_line "$KSIM_TEST_TMP/undef.out" "ERROR: modpost: \"no_such_function\" [$f/undef/undef.ko] undefined!"

cat >"$f/gpl/gplexp.c" <<'C'
#include <linux/module.h>
int only_for_gpl(void) { return 1; }
EXPORT_SYMBOL_GPL(only_for_gpl);
MODULE_LICENSE("GPL");
C
cat >"$f/gpl/propuser.c" <<'C'
#include <linux/module.h>
int only_for_gpl(void);
static int __init p_init(void) { return only_for_gpl() - 1; }
module_init(p_init);
MODULE_LICENSE("Proprietary");
C
echo 'obj-m := gplexp.o propuser.o' >"$f/gpl/Makefile"
rc=$(run_to "$KSIM_TEST_TMP/gpl.out" "$KSIM" make "$f/gpl")
[ "$rc" = 4 ] || fail "GPL-only use: exit $rc"
expect_line "$KSIM_TEST_TMP/gpl.out" \
    "ERROR: modpost: GPL-incompatible module propuser.ko uses GPL-only symbol 'only_for_gpl'"

printf '#include <linux/module.h>\nstatic int x = ;\nMODULE_LICENSE("GPL");\n' >"$f/broken/broken.c"
echo 'obj-m := broken.o' >"$f/broken/Makefile"
rc=$(run_to "$KSIM_TEST_TMP/broken.out" "$KSIM" make "$f/broken")
[ "$rc" = 4 ] || fail "compile error: exit $rc"
expect_text "$KSIM_TEST_TMP/broken.out" "broken.c:2:"

printf '#include <linux/module.h>\ndouble half(double x) { return x / 2; }\nMODULE_LICENSE("GPL");\n' >"$f/fpu/fpu.c"
echo 'obj-m := fpu.o' >"$f/fpu/Makefile"
rc=$(run_to "$KSIM_TEST_TMP/fpu.out" "$KSIM" make "$f/fpu")
[ "$rc" = 4 ] || fail "floating point compiled (exit $rc)"

# A directory without a Makefile, and one that does not exist.
mkdir -p "$f/empty"
rc=$(run_to "$KSIM_TEST_TMP/empty.out" "$KSIM" make "$f/empty")
[ "$rc" = 4 ] || fail "empty dir: exit $rc"
expect_text "$KSIM_TEST_TMP/empty.out" "no Kbuild or Makefile"
rc=$(run_to "$KSIM_TEST_TMP/nowhere.out" "$KSIM" make "$f/nowhere")
[ "$rc" = 4 ] || fail "missing dir: exit $rc"
echo "build_examples: ok"
