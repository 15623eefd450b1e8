#!/bin/bash
# ksim modinfo against kmod's modinfo on a module object with every kind of
# .modinfo entry: parameters with and without descriptions or types, a key
# longer than the 16-column padding, an entry without '=', and every option.
set -u
source "$KSIM_SOURCE_DIR/tests/e2e/lib/modinfo.sh"
require_kmod
rm -rf "$KSIM_TEST_TMP" && mkdir -p "$KSIM_TEST_TMP" && cd "$KSIM_TEST_TMP" || exit 1

cat >params-demo.c <<'C'
/* What <linux/module.h> and <linux/moduleparam.h> expand to, written out. */
#define INFO(id, text) \
    static const char modinfo_##id[] __attribute__((section(".modinfo"), used, aligned(1))) = text
struct kernel_param { const char *name; void *mod; const void *ops; unsigned short perm;
                      signed char level; unsigned char flags; void *arg; };
static int count = 1;
static const char param_name_count[] = "params_demo.count";
static const struct kernel_param param_count __attribute__((section("__param"), used)) =
    { param_name_count, 0, 0, 0644, -1, 0, &count };
INFO(license, "license=GPL");
INFO(author, "author=Jane Doe <jane@example.com>");
INFO(author2, "author=Second Author");
INFO(description, "description=Demonstrates module parameters");
INFO(version, "version=1.2.3");
INFO(parm_count, "parm=count:How many times to greet");
INFO(parmtype_count, "parmtype=count:int");
INFO(parmtype_name, "parmtype=name:charp");
INFO(parm_verbose, "parm=verbose:Be loud");
INFO(parm_lonely, "parm=lonely:Has no type");
INFO(parmtype_verbose, "parmtype=verbose:bool");
INFO(parm_count2, "parm=count:Replaces the first description");
INFO(alias, "alias=char-major-240-*");
INFO(softdep, "softdep=pre: other");
INFO(long_key, "a_key_much_longer_than_sixteen=value");
INFO(novalue, "flagonly");
INFO(empty, "empty=");
INFO(srcversion, "srcversion=0123456789ABCDEF0123456");
INFO(depends, "depends=");
INFO(name, "name=params_demo");
INFO(vermagic, "vermagic=6.1.0-ksim SMP preempt mod_unload ");
int init_module(void) { return count; }
C
build_ko params-demo || { echo "FAIL: could not compile the test module"; exit 1; }

for opts in "" "-0" "-p" "-0 -p" "-a" "-d" "-l" "-n" "-F parm" "-F parmtype" "-F author" \
    "-F name" "-F filename" "-F flagonly" "-F missing" "-Fvermagic" "--field=alias" \
    "-a -d" "-d -F license" "--author --null" "-n -0"; do
    compare_modinfo $opts params-demo.ko
done
# Relative paths are made absolute without normalisation, as kmod does.
mkdir -p sub && compare_modinfo ./sub/../params-demo.ko
compare_modinfo "$KSIM_TEST_TMP/params-demo.ko"
compare_modinfo params-demo.ko params-demo.ko
# Without an existing .ko file the argument is a module name: kmod looks in
# /lib/modules and ksim in the current directory; both fail the same way here.
compare_modinfo no-such-module
compare_modinfo -m no-such-module
compare_modinfo params-demo.o
compare_modinfo
# ksim's lookup by name: NAME.ko in the current directory, '-' and '_' alike.
for name in params-demo params_demo; do
    "$KSIM" modinfo -F name "$name" >byname.out 2>&1
    if [ "$(cat byname.out)" != "params_demo" ]; then
        echo "FAIL: ksim modinfo $name did not find params-demo.ko: $(cat byname.out)"
        modinfo_failures=$((modinfo_failures + 1))
    fi
done
"$KSIM" modinfo -n params_demo >byname.out
if [ "$(cat byname.out)" != "$KSIM_TEST_TMP/params-demo.ko" ]; then
    echo "FAIL: ksim modinfo -n params_demo printed $(cat byname.out)"
    modinfo_failures=$((modinfo_failures + 1))
fi

[ "$modinfo_failures" = 0 ] || exit 1
echo "PASS: ksim modinfo matches kmod on params-demo.ko"
