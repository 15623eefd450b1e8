#!/bin/bash
# Checks the object-file contract of include/ (docs/internals.md): a module
# compiled with ksim's flags has init/exit code and data in the .init.*/
# .exit.* sections, init_module/cleanup_module aliases, __ksymtab entries,
# __param entries pointing at param_ops_*, and the kernel's tag=value
# strings in .modinfo. Also checks that mistakes the real kernel headers
# reject (wrong init type, floating point, libc headers, ...) are rejected.
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

cat >"$tmp/probe.c" <<'SRC'
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/init.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>

static int count = 3;
module_param(count, int, 0644);
MODULE_PARM_DESC(count, "how many greetings");
static char *whom = "world";
module_param(whom, charp, 0444);
static unsigned int mask = 0xf;
module_param(mask, hexint, 0);
static bool loud;
module_param_named(shout, loud, bool, 0644);
static int arr[4];
static int narr;
module_param_array(arr, int, &narr, 0444);
MODULE_PARM_DESC(arr, "some numbers");
static char label[8];
module_param_string(label, label, sizeof(label), 0600);

static int start __initdata = 7;
static const char banner[] __initconst = "probe banner";
static int bye __exitdata = 9;

int probe_add(int a, int b)
{
	return a + b;
}
EXPORT_SYMBOL(probe_add);

int probe_gpl_only(void)
{
	return 1;
}
EXPORT_SYMBOL_GPL(probe_gpl_only);

static int __init probe_init(void)
{
	char *p = kmalloc(32, GFP_KERNEL);

	pr_info("%s %d %d %s\n", banner, start, count, whom);
	kfree(p);
	return 0;
}

static void __exit probe_exit(void)
{
	pr_info("bye %d\n", bye);
}

module_init(probe_init);
module_exit(probe_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("A. Author <a@example.org>");
MODULE_DESCRIPTION("section probe");
MODULE_VERSION("1.0");
MODULE_ALIAS("probe-alias");
MODULE_SOFTDEP("pre: hello");
MODULE_FIRMWARE("probe.bin");
SRC

if ! ksim_module_cc "$tmp/probe.c" "$tmp/probe.o" probe -Werror 2>"$tmp/probe.err"; then
    cat "$tmp/probe.err" >&2
    echo "FAIL: the probe module does not compile cleanly with ksim's headers" >&2
    exit 1
fi

sections=$(readelf -SW "$tmp/probe.o")
for s in .init.text .exit.text .init.data .init.rodata .exit.data __param __ksymtab \
    __ksymtab_gpl __ksymtab_strings .modinfo; do
    grep -qE "\] $s +PROGBITS" <<<"$sections" || fail "section $s missing"
done

symbols=$(readelf -sW "$tmp/probe.o")
# sym_line NAME: the symbol table line of NAME.
sym_line() { awk -v n="$1" '$8 == n' <<<"$symbols"; }
sec_index() { awk -v s="$1" '{ if ($0 ~ "\\] " s " ") { sub(/^ *\[ */, ""); sub(/\].*/, ""); print } }' <<<"$sections"; }

check_sym() { # NAME TYPE BIND SECTION
    local line ndx
    line=$(sym_line "$1")
    [ -n "$line" ] || { fail "symbol $1 missing"; return; }
    ndx=$(sec_index "$4")
    read -r _ _ _ type bind _ sndx _ <<<"$line"
    [ "$type" = "$2" ] || fail "$1 has type $type, expected $2"
    [ "$bind" = "$3" ] || fail "$1 has binding $bind, expected $3"
    [ "$sndx" = "$ndx" ] || fail "$1 is in section index $sndx, expected $4 ($ndx)"
}
check_sym init_module FUNC GLOBAL .init.text
check_sym cleanup_module FUNC GLOBAL .exit.text
check_sym probe_init FUNC LOCAL .init.text
check_sym probe_exit FUNC LOCAL .exit.text
check_sym start OBJECT LOCAL .init.data
check_sym banner OBJECT LOCAL .init.rodata
check_sym bye OBJECT LOCAL .exit.data
check_sym __ksymtab_probe_add OBJECT LOCAL __ksymtab
check_sym __ksymtab_probe_gpl_only OBJECT LOCAL __ksymtab_gpl
check_sym probe_add FUNC GLOBAL .text

# init_module is an alias: same address as probe_init.
[ "$(sym_line init_module | awk '{print $2}')" = "$(sym_line probe_init | awk '{print $2}')" ] ||
    fail "init_module is not an alias of probe_init"

# Undefined references: the exported names, never the inline wrappers.
undef=$(awk '$7 == "UND" && $8 != "" {print $8}' <<<"$symbols" | sort | tr '\n' ' ')
for u in _printk __kmalloc kfree param_ops_int param_ops_charp param_ops_hexint \
    param_ops_bool param_array_ops param_ops_string __this_module; do
    grep -qw -- "$u" <<<"$undef" || fail "expected undefined reference to $u (have: $undef)"
done
for u in printk kmalloc pr_info; do
    grep -qw -- "$u" <<<"$undef" && fail "$u must be inline/macro, but the object references it"
done

# .modinfo holds NUL-separated tag=value strings.
objcopy -O binary --only-section=.modinfo "$tmp/probe.o" "$tmp/modinfo.bin"
modinfo_strings=$(tr '\0' '\n' <"$tmp/modinfo.bin")
for want in "license=GPL" "author=A. Author <a@example.org>" "description=section probe" \
    "version=1.0" "alias=probe-alias" "softdep=pre: hello" "firmware=probe.bin" \
    "parmtype=count:int" "parm=count:how many greetings" "parmtype=whom:charp" \
    "parmtype=mask:hexint" "parmtype=shout:bool" "parmtype=arr:array of int" \
    "parm=arr:some numbers" "parmtype=label:string"; do
    grep -qxF -- "$want" <<<"$modinfo_strings" || fail ".modinfo lacks '$want'"
done
[ "$(head -c1 "$tmp/modinfo.bin" | od -An -c | tr -d ' ')" != '\0' ] || fail ".modinfo starts with a NUL"

# __param: one 40-byte struct kernel_param per parameter (6 here), each
# relocated against its ops and its name string.
# section_size NAME: size in bytes (fields after the "[Nr]" column: name type addr off size).
section_size() {
    local hex
    hex=$(sed -n 's/^ *\[ *[0-9]*\] //p' <<<"$sections" | awk -v s="$1" '$1 == s {print $5}')
    echo $((16#${hex:-0}))
}
param_size=$(section_size __param)
[ "$param_size" = "240" ] || fail "__param is $param_size bytes, expected 6 * 40"
relocs=$(readelf -rW "$tmp/probe.o")
param_relocs=$(awk '/Relocation section .\.rela__param/{on=1; next} /Relocation section/{on=0} on' <<<"$relocs")
for ops in param_ops_int param_ops_charp param_ops_hexint param_ops_bool param_array_ops \
    param_ops_string __this_module; do
    grep -q " $ops + 0" <<<"$param_relocs" || fail "__param has no relocation against $ops"
done

# __ksymtab: struct kernel_symbol {value, name, namespace} = 24 bytes.
ksym_size=$(section_size __ksymtab)
[ "$ksym_size" = "24" ] || fail "__ksymtab is $ksym_size bytes, expected 24"
ksym_relocs=$(awk '/Relocation section .\.rela__ksymtab. /{on=1; next} /Relocation section/{on=0} on' <<<"$relocs")
grep -q "probe_add + 0" <<<"$ksym_relocs" || fail "__ksymtab entry does not point at probe_add"
objcopy -O binary --only-section=__ksymtab_strings "$tmp/probe.o" "$tmp/kstr.bin"
tr '\0' '\n' <"$tmp/kstr.bin" | grep -qx probe_add || fail "__ksymtab_strings lacks probe_add"

# The printk level travels as the KERN_SOH prefix in the format string.
objcopy -O binary --only-section=.rodata.str1.1 "$tmp/probe.o" "$tmp/rodata.bin"
grep -qaF "$(printf '\0016probe: bye %%d')" "$tmp/rodata.bin" ||
    fail "pr_info format is not KERN_INFO + pr_fmt + text"

# The generated .mod.c of docs/internals.md compiles and yields the
# this_module section and the vermagic string the loader expects.
cat >"$tmp/probe.mod.c" <<'SRC'
#include <linux/module.h>
#include <linux/vermagic.h>
#include <linux/compiler.h>
MODULE_INFO(vermagic, VERMAGIC_STRING);
MODULE_INFO(name, KBUILD_MODNAME);
__visible struct module __this_module __section(".gnu.linkonce.this_module") = {
	.name = KBUILD_MODNAME,
	.init = init_module,
	.exit = cleanup_module,
};
MODULE_INFO(depends, "");
SRC
if ksim_module_cc "$tmp/probe.mod.c" "$tmp/probe.mod.o" probe -Werror 2>"$tmp/mod.err"; then
    objcopy -O binary --only-section=.modinfo "$tmp/probe.mod.o" "$tmp/modinfo2.bin"
    tr '\0' '\n' <"$tmp/modinfo2.bin" | grep -qxF "vermagic=6.1.0-ksim SMP preempt mod_unload " ||
        fail "vermagic string is not '6.1.0-ksim SMP preempt mod_unload '"
    readelf -SW "$tmp/probe.mod.o" | grep -q "\] .gnu.linkonce.this_module" ||
        fail ".gnu.linkonce.this_module section missing from the .mod.o"
else
    cat "$tmp/mod.err" >&2
    fail "the contract's .mod.c does not compile"
fi

# expect_error NAME PATTERN: SRC (stdin) must fail to compile with PATTERN in
# gcc's output, as it does with the real 6.1 headers.
expect_error() {
    local name=$1 pattern=$2
    cat >"$tmp/$name.c"
    if ksim_module_cc "$tmp/$name.c" "$tmp/$name.o" "$name" 2>"$tmp/$name.err"; then
        fail "$name compiled, but real kernel headers reject it"
    elif ! grep -qF -- "$pattern" "$tmp/$name.err"; then
        cat "$tmp/$name.err" >&2
        fail "$name failed without the expected message: $pattern"
    fi
}
# expect_warning NAME PATTERN: compiles, but gcc warns with PATTERN.
expect_warning() {
    local name=$1 pattern=$2
    cat >"$tmp/$name.c"
    if ! ksim_module_cc "$tmp/$name.c" "$tmp/$name.o" "$name" 2>"$tmp/$name.err"; then
        cat "$tmp/$name.err" >&2
        fail "$name does not compile"
    elif ! grep -qF -- "$pattern" "$tmp/$name.err"; then
        cat "$tmp/$name.err" >&2
        fail "$name compiled without the expected warning: $pattern"
    fi
}

expect_error void_init "incompatible return type ‘initcall_t’" <<'SRC'
#include <linux/module.h>
static void __init bad_init(void) { pr_info("x\n"); }
module_init(bad_init);
MODULE_LICENSE("GPL");
SRC

expect_error int_exit "incompatible return type ‘exitcall_t’" <<'SRC'
#include <linux/module.h>
static int __init ok_init(void) { return 0; }
static int __exit bad_exit(void) { return 0; }
module_init(ok_init);
module_exit(bad_exit);
MODULE_LICENSE("GPL");
SRC

expect_error float_math "SSE register return with SSE disabled" <<'SRC'
#include <linux/module.h>
static int factor = 3;
module_param(factor, int, 0444);
static int __init f_init(void) { double x = factor * 1.5; pr_info("%d\n", (int)x); return 0; }
module_init(f_init);
MODULE_LICENSE("GPL");
SRC

expect_error libc_header "stdio.h: No such file or directory" <<'SRC'
#include <linux/module.h>
#include <stdio.h>
MODULE_LICENSE("GPL");
SRC

expect_error array_size_of_pointer "negative width in bit-field" <<'SRC'
#include <linux/module.h>
static int __init a_init(void) { int arr[3]; int *p = arr; pr_info("%zu\n", ARRAY_SIZE(p)); return 0; }
module_init(a_init);
MODULE_LICENSE("GPL");
SRC

expect_error world_writable_param "negative width in bit-field" <<'SRC'
#include <linux/module.h>
static int count;
module_param(count, int, 0666);
MODULE_LICENSE("GPL");
SRC

expect_error param_wrong_type "returning ‘long int *’ from a function with incompatible return type ‘int *’" <<'SRC'
#include <linux/module.h>
static long count;
module_param(count, int, 0444);
MODULE_LICENSE("GPL");
SRC

expect_error min_signedness "min(a, b) signedness error" <<'SRC'
#include <linux/module.h>
static int a = -1;
static unsigned int b = 2;
static int __init m_init(void) { pr_info("%d %u %d\n", (int)min(a, b), min(b, 3u), min(a, 5)); return 0; }
module_init(m_init);
MODULE_LICENSE("GPL");
SRC

expect_error build_bug_on "BUILD_BUG_ON failed: sizeof(struct s) != 32" <<'SRC'
#include <linux/module.h>
struct s { int a; char b[60]; };
static int __init p_init(void) { BUILD_BUG_ON(sizeof(struct s) != 32); return 0; }
module_init(p_init);
MODULE_LICENSE("GPL");
SRC

expect_error container_of_wrong_member "pointer type mismatch in container_of()" <<'SRC'
#include <linux/module.h>
#include <linux/list.h>
struct item { int v; struct list_head node; };
static int __init p_init(void) { struct item it; int *pv = &it.v; pr_info("%p\n", container_of(pv, struct item, node)); return 0; }
module_init(p_init);
MODULE_LICENSE("GPL");
SRC

expect_error kmalloc_without_slab_h "implicit declaration of function ‘kmalloc’" <<'SRC'
#include <linux/module.h>
static int __init p_init(void) { void *p = kmalloc(10, GFP_KERNEL); return p ? 0 : -1; }
module_init(p_init);
MODULE_LICENSE("GPL");
SRC

expect_warning printk_format "format ‘%d’ expects argument of type ‘int’, but argument 2 has type ‘long int’" <<'SRC'
#include <linux/module.h>
static int __init p_init(void) { long v = 5; pr_info("%d\n", v); return 0; }
module_init(p_init);
MODULE_LICENSE("GPL");
SRC

expect_warning ignored_kstrtoul "ignoring return value of ‘kstrtoul’" <<'SRC'
#include <linux/module.h>
#include <linux/kstrtox.h>
static int __init p_init(void) { unsigned long v = 0; kstrtoul("5", 10, &v); return (int)v - 5; }
module_init(p_init);
MODULE_LICENSE("GPL");
SRC

# pr_debug prints only when DEBUG is defined (dynamic debug's start-up state).
cat >"$tmp/dbg.c" <<'SRC'
#include <linux/module.h>
static int __init d_init(void) { pr_debug("debug-marker %d\n", 1); return 0; }
module_init(d_init);
MODULE_LICENSE("GPL");
SRC
ksim_module_cc "$tmp/dbg.c" "$tmp/dbg.o" dbg || fail "pr_debug probe does not compile"
grep -qa "debug-marker" "$tmp/dbg.o" && fail "pr_debug without DEBUG must not emit its message"
ksim_module_cc "$tmp/dbg.c" "$tmp/dbg2.o" dbg -DDEBUG || fail "pr_debug probe does not compile with -DDEBUG"
grep -qa "$(printf '\0017debug-marker')" "$tmp/dbg2.o" || fail "pr_debug with DEBUG must printk at KERN_DEBUG"

if [ "$failures" -ne 0 ]; then
    echo "headers_sections: $failures check(s) failed" >&2
    exit 1
fi
echo "headers_sections: all checks passed"
