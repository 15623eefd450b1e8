#!/bin/bash
# Every module in examples/ compiles with ksim's headers and the flags of
# docs/internals.md, without a single warning (the real 6.1 kbuild builds
# them warning-free too), and each module ends up with init_module,
# cleanup_module and a license tag (except examples/no_license, whose point
# is the missing license). Needs no ksim build: gcc and ld only.
set -u
: "${KSIM_SOURCE_DIR:?}" "${KSIM_TEST_TMP:?}"
. "$KSIM_SOURCE_DIR/tests/e2e/lib/module_cflags.sh"

tmp="$KSIM_TEST_TMP"
rm -rf "$tmp" && mkdir -p "$tmp" || exit 1
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

modules_built=0
for dir in "$KSIM_SOURCE_DIR"/examples/*/; do
    dir=${dir%/}
    name=$(basename "$dir")
    # The Makefile's kbuild variables, evaluated as kbuild would.
    vars=$(make -s --no-print-directory -f "$KSIM_SOURCE_DIR/kdir/Makefile.vars" M="$dir" \
        ksim-print-vars) || { fail "$name: cannot read its Makefile"; continue; }
    objm=$(sed -n 's/^ksim-var obj-m=//p' <<<"$vars")
    ccflags=$(sed -n 's/^ksim-var ccflags=//p' <<<"$vars")
    [ -n "$objm" ] || { fail "$name: Makefile sets no obj-m"; continue; }
    mkdir -p "$tmp/$name"
    for modobj in $objm; do
        mod=${modobj%.o}
        parts=$(sed -n "s/^ksim-var objs-of-$mod=//p" <<<"$vars")
        [ -n "${parts// /}" ] || parts=$modobj
        objs=()
        for part in $parts; do
            src="$dir/${part%.o}.c"
            out="$tmp/$name/${part%.o}.o"
            # shellcheck disable=SC2086 # ccflags-y is a word list
            if ! ksim_module_cc "$src" "$out" "$mod" $ccflags -Werror 2>"$out.err"; then
                cat "$out.err" >&2
                fail "$name: ${part%.o}.c does not compile cleanly"
                continue 2
            fi
            objs+=("$out")
        done
        ko_o="$tmp/$name/$mod.module.o"
        if ! ld -r -m elf_x86_64 -o "$ko_o" "${objs[@]}" 2>"$ko_o.err"; then
            cat "$ko_o.err" >&2
            fail "$name: linking $mod failed"
            continue
        fi
        syms=$(nm "$ko_o")
        grep -q " T init_module$" <<<"$syms" || fail "$name: $mod has no init_module"
        grep -q " T cleanup_module$" <<<"$syms" || fail "$name: $mod has no cleanup_module"
        objcopy -O binary --only-section=.modinfo "$ko_o" "$ko_o.modinfo"
        if [ "$name" = no_license ]; then
            tr '\0' '\n' <"$ko_o.modinfo" | grep -q '^license=' &&
                fail "$name: must not have a license tag"
        else
            tr '\0' '\n' <"$ko_o.modinfo" | grep -q '^license=' ||
                fail "$name: $mod has no license tag"
        fi
        modules_built=$((modules_built + 1))
    done
done

# hello, params, provider, consumer, multi, no_license, init_mismatch,
# kmalloc_message, hellop.
[ "$modules_built" -ge 9 ] || fail "only $modules_built example modules were built"

# The init_mismatch example must keep its deliberate mistake: the exit code
# references .init.data (modpost's section-mismatch warning depends on it).
relocs=$(readelf -rW "$tmp/init_mismatch/init_mismatch.module.o" 2>/dev/null)
awk '/\.rela\.exit\.text/{on=1; next} /Relocation section/{on=0} on' <<<"$relocs" |
    grep -qE "start_value|\.init\.data" || fail "init_mismatch: exit code no longer reads __initdata"

if [ "$failures" -ne 0 ]; then
    echo "examples_compile: $failures check(s) failed" >&2
    exit 1
fi
echo "examples_compile: $modules_built modules built"
