#!/bin/bash
# ksim modinfo against kmod's modinfo on every module of examples/. The
# modules are built with `ksim make` (the full build: modpost, .mod.c with
# vermagic, name, depends, srcversion); while that command is not available,
# each module's objects are compiled with the flags of docs/internals.md and
# linked with `ld -r`, which still covers everything the headers put into
# .modinfo (license, author, description, version, alias, parm, parmtype).
set -u
source "$KSIM_SOURCE_DIR/tests/e2e/lib/modinfo.sh"
source "$KSIM_SOURCE_DIR/tests/e2e/lib/module_cflags.sh"
require_kmod
rm -rf "$KSIM_TEST_TMP" && mkdir -p "$KSIM_TEST_TMP" && cd "$KSIM_TEST_TMP" || exit 1

have_make=1
"$KSIM" make --help 2>&1 | grep -q "not yet implemented" && have_make=0

# build_example DIR: leaves the example's .ko files in $KSIM_TEST_TMP/NAME.
build_example() {
    local dir=$1 name
    name=$(basename "$dir")
    cp -r "$dir" "$KSIM_TEST_TMP/$name" || return 1
    if [ "$have_make" = 1 ]; then
        (cd "$KSIM_TEST_TMP/$name" && "$KSIM" make >make.log 2>&1)
        # no_license and init_mismatch are meant to draw modpost diagnostics;
        # a .ko is what matters here. The build itself has its own tests, so
        # a failed build only falls back to the plain one below.
        compgen -G "$KSIM_TEST_TMP/$name/*.ko" >/dev/null && return
        echo "NOTE: ksim make built no .ko in examples/$name; using gcc + ld -r"
        fallbacks=$((fallbacks + 1))
    fi
    local vars objm ccflags modobj mod parts part objs
    vars=$(make -s --no-print-directory -f "$KSIM_SOURCE_DIR/kdir/Makefile.vars" M="$dir" \
        ksim-print-vars) || return 1
    objm=$(sed -n 's/^obj-m=//p' <<<"$vars")
    ccflags=$(sed -n 's/^ccflags-y=//p' <<<"$vars")
    for modobj in $objm; do
        mod=${modobj%.o}
        parts=$(sed -n "s/^$mod-objs=//p" <<<"$vars")
        [ -n "${parts// /}" ] || parts=$modobj
        objs=()
        for part in $parts; do
            # shellcheck disable=SC2086 # ccflags-y is a word list
            ksim_module_cc "$dir/${part%.o}.c" "$KSIM_TEST_TMP/$name/${part%.o}.o" "$mod" \
                $ccflags || return 1
            objs+=("$KSIM_TEST_TMP/$name/${part%.o}.o")
        done
        ld -r -m elf_x86_64 --build-id=sha1 -o "$KSIM_TEST_TMP/$name/$mod.ko" "${objs[@]}" ||
            return 1
    done
}

count=0
fallbacks=0
for dir in "$KSIM_SOURCE_DIR"/examples/*/; do
    dir=${dir%/}
    name=$(basename "$dir")
    if ! build_example "$dir"; then
        echo "FAIL: could not build examples/$name"
        cat "$KSIM_TEST_TMP/$name/make.log" 2>/dev/null
        modinfo_failures=$((modinfo_failures + 1))
        continue
    fi
    cd "$KSIM_TEST_TMP/$name" || exit 1
    for ko in *.ko; do
        compare_modinfo "$ko"
        compare_modinfo -p "$ko"
        compare_modinfo -0 "$ko"
        compare_modinfo -F license "$ko"
        count=$((count + 1))
    done
    cd "$KSIM_TEST_TMP" || exit 1
done

[ "$count" -ge 9 ] || { echo "FAIL: only $count example modules were compared"; exit 1; }
[ "$modinfo_failures" = 0 ] || exit 1
how=$([ "$have_make" = 1 ] && echo "ksim make, $fallbacks fallbacks" || echo "gcc + ld -r")
echo "PASS: ksim modinfo matches kmod on $count example modules (built with $how)"
