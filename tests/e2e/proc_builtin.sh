#!/bin/bash
# Built-in /proc files (issue 5): /proc/version in Linux's banner format
# with ksim's own values, and /proc/kallsyms with ksim's exported symbols
# ("%016lx T name", nm letters) followed by every loaded module's symbols
# ("addr t name\t[module]"): upper case for what the module exports, init
# symbols gone once init has run, everything gone after rmmod.
. "$(dirname "$0")/lib.sh"
m="$KSIM_TEST_TMP/syms"
mkdir -p "$m"
cat >"$m/syms.c" <<'SRC'
#include <linux/module.h>
#include <linux/init.h>

static int counter;
static int ready = 1;
static const char table[] = "abc";

int syms_visible(void)
{
	return counter + ready + table[counter % 3];
}
EXPORT_SYMBOL(syms_visible);

static noinline int helper(void)
{
	return ++counter;
}

static int __init syms_init(void)
{
	pr_info("syms: %d\n", helper() + syms_visible());
	return 0;
}

static void __exit syms_exit(void)
{
	ready = 0;
	pr_info("syms: bye %d\n", helper());
}

module_init(syms_init);
module_exit(syms_exit);
MODULE_LICENSE("GPL");
SRC
echo 'obj-m += syms.o' >"$m/Makefile"
"$KSIM" make "$m" >"$KSIM_TEST_TMP/build.out" 2>&1 || { cat "$KSIM_TEST_TMP/build.out"; fail "build"; }

out="$KSIM_TEST_TMP/version.out"
rc=$(run_to "$out" "$KSIM" run -t "$m" -c 'cat /proc/version; ls -l /proc/version /proc/kallsyms')
[ "$rc" = 0 ] || { cat "$out"; fail "exit $rc"; }
grep -qE '^Linux version 6\.1\.0-ksim \(ksim@ksim\) \((gcc|clang) version [^()]+\) #1 SMP PREEMPT_DYNAMIC ksim$' "$out" ||
    { cat "$out"; fail "/proc/version format"; }
expect_text "$out" '-r--r--r--    1 0        0                0 Jan  1 00:00 /proc/version'
expect_text "$out" '-r--r--r--    1 0        0                0 Jan  1 00:00 /proc/kallsyms'

k="$KSIM_TEST_TMP/kallsyms.out"
rc=$(run_to "$k" "$KSIM" run -t "$m" -c 'insmod syms.ko; cat /proc/kallsyms')
[ "$rc" = 0 ] || { cat "$k"; fail "exit $rc"; }
# ksim's own exports: functions T, data R/D (Linux shows its const
# param_ops_* as D), bss B.
grep -qE '^[0-9a-f]{16} T _printk$' "$k" || fail "_printk is not T"
grep -qE '^[0-9a-f]{16} T __kmalloc$' "$k" || fail "__kmalloc is not T"
grep -qE '^[0-9a-f]{16} [RD] param_ops_int$' "$k" || fail "param_ops_int is not R/D"
grep -qE '^[0-9a-f]{16} [DB] kernel_kobj$' "$k" || fail "kernel_kobj is not D/B"
# Kernel symbols come sorted by address, before the modules'.
grep -vF '[' "$k" | grep -E '^[0-9a-f]{16} ' | awk '{print $1}' >"$KSIM_TEST_TMP/addrs"
sort -c "$KSIM_TEST_TMP/addrs" || fail "kernel symbols not sorted by address"
# The module's symbols, with the types nm gives them.
grep -qP '^[0-9a-f]{16} T syms_visible\t\[syms\]$' "$k" || fail "exported function not T"
grep -qP '^[0-9a-f]{16} t helper\t\[syms\]$' "$k" || fail "static function not t"
grep -qP '^[0-9a-f]{16} t syms_exit\t\[syms\]$' "$k" || fail "exit function not t"
grep -qP '^[0-9a-f]{16} b counter\t\[syms\]$' "$k" || fail "bss variable not b"
grep -qP '^[0-9a-f]{16} d ready\t\[syms\]$' "$k" || fail "data variable not d"
grep -qP '^[0-9a-f]{16} r table\t\[syms\]$' "$k" || fail "const variable not r"
grep -qP '^[0-9a-f]{16} d __this_module\t\[syms\]$' "$k" || fail "__this_module not d"
# __init symbols leave with the init sections.
! grep -qP '\tsyms_init\t' "$k" || fail "freed init symbol listed"
! grep -qP ' syms_init\t' "$k" || fail "freed init symbol listed"
# The address kallsyms gives is where the module's symbol is (lsmod's base
# is the core image, which holds the module's text).
base=$(grep -P ' T syms_visible\t' "$k" | cut -c1-16)
[ -n "$base" ] || fail "no address"

k2="$KSIM_TEST_TMP/after.out"
rc=$(run_to "$k2" "$KSIM" run -t "$m" -c 'insmod syms.ko; rmmod syms; cat /proc/kallsyms')
! grep -qF '[syms]' "$k2" || fail "module symbols listed after rmmod"
echo "proc_builtin: ok"
