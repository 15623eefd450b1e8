#!/bin/bash
# Build failures: modpost's errors in Linux 6.1's exact wording (checked with
# the real kbuild of linux-headers-6.1.0-56-amd64), and clear messages with
# exit status 4 for a missing directory, no obj-m, a broken Makefile, a
# missing source and a compiler error.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/kbuild.sh"
cd "$KSIM_TEST_TMP"
stub="$KSIM_TEST_TMP/stub.symvers"
kbuild_stub_symvers "$stub"

# expect_build_failure DIR: ksim make DIR exits 4; output in out.txt/err.txt.
expect_build_failure() {
    set +e
    "$KSIM" make "$1" KBUILD_EXTRA_SYMBOLS="$stub" >out.txt 2>err.txt
    local rc=$?
    set -e
    [ "$rc" = 4 ] || { cat out.txt err.txt; fail "$1: exit status $rc, want 4"; }
}

# Undefined symbols, in symbol-table order; the build stops before .ko.
mkdir undef && echo 'obj-m += undef.o' >undef/Makefile
cat >undef/undef.c <<'C'
#include <linux/module.h>
#include <linux/init.h>
void foo(void);
int bar(int);
static int __init u_init(void) { foo(); return bar(1); }
module_init(u_init);
MODULE_LICENSE("GPL");
C
expect_build_failure "$PWD/undef"
expect_line err.txt "ERROR: modpost: \"foo\" [$PWD/undef/undef.ko] undefined!"
expect_line err.txt "ERROR: modpost: \"bar\" [$PWD/undef/undef.ko] undefined!"
[ "$(grep -n foo err.txt | cut -d: -f1)" -lt "$(grep -n '"bar"' err.txt | cut -d: -f1)" ] ||
    fail "undefined symbols out of order"
[ ! -e undef/undef.ko ] || fail "undef.ko must not be built"

# A GPL-incompatible module using another module's EXPORT_SYMBOL_GPL.
mkdir gpl && echo 'obj-m += provider.o prop.o' >gpl/Makefile
cat >gpl/provider.c <<'C'
#include <linux/module.h>
int provider_secret(void) { return 42; }
EXPORT_SYMBOL_GPL(provider_secret);
int provider_add(int a, int b) { return a + b; }
EXPORT_SYMBOL(provider_add);
MODULE_LICENSE("GPL");
C
cat >gpl/prop.c <<'C'
#include <linux/module.h>
#include <linux/init.h>
int provider_secret(void);
int provider_add(int, int);
static int __init p_init(void) { return provider_secret() + provider_add(1, 2); }
module_init(p_init);
MODULE_LICENSE("Proprietary");
C
expect_build_failure "$PWD/gpl"
expect_line err.txt "ERROR: modpost: GPL-incompatible module prop.ko uses GPL-only symbol 'provider_secret'"
expect_no_text err.txt provider_add
# "Dual BSD/GPL" is GPL-compatible (license_is_gpl_compatible()).
sed -i 's/"Proprietary"/"Dual BSD\/GPL"/' gpl/prop.c
"$KSIM" make gpl KBUILD_EXTRA_SYMBOLS="$stub" >out.txt 2>&1 || { cat out.txt; fail "Dual BSD/GPL"; }

# Environment and Makefile problems: clear messages, status 4, no crash.
expect_build_failure "$PWD/does-not-exist"
expect_text err.txt "does-not-exist: No such directory"
mkdir noobj && echo 'foo := 1' >noobj/Makefile
expect_build_failure "$PWD/noobj"
expect_text err.txt "no modules to build (obj-m is empty"
mkdir badmk && printf 'obj-m += b.o\nifeq (\n' >badmk/Makefile
expect_build_failure "$PWD/badmk"
expect_text err.txt "Makefile:2: *** invalid syntax in conditional.  Stop."
expect_text err.txt "badmk/Makefile: make could not evaluate it"
mkdir nosrc && echo 'obj-m += missing.o' >nosrc/Makefile
expect_build_failure "$PWD/nosrc"
expect_line err.txt "make[1]: *** No rule to make target '$PWD/nosrc/missing.o', needed by '$PWD/nosrc/'.  Stop."
mkdir cerr && echo 'obj-m += c.o' >cerr/Makefile
printf 'int f(void);\nint f(void) { return undeclared_var; }\n' >cerr/c.c
expect_build_failure "$PWD/cerr"
expect_line out.txt "  CC [M]  $PWD/cerr/c.o"
expect_text err.txt "undeclared (first use in this function)"
expect_text err.txt "] Error 1"
[ ! -e cerr/c.o ] || fail "a failed compile must not leave c.o"
mkdir empty
expect_build_failure "$PWD/empty"
expect_text err.txt "no Kbuild or Makefile"
# A KBUILD_EXTRA_SYMBOLS file that does not exist: modpost's perror() line.
set +e
"$KSIM" make undef KBUILD_EXTRA_SYMBOLS=/nonexistent/Module.symvers >out.txt 2>err.txt
rc=$?
set -e
[ "$rc" = 4 ] || fail "missing extra symbols: exit status $rc, want 4"
expect_line err.txt "/nonexistent/Module.symvers: No such file or directory"
echo "build_errors: ok"
