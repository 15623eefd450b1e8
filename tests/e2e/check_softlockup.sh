#!/bin/bash
# The soft-lockup watchdog (issue 4): module code that spins without ever
# scheduling, in init or in a file read, is reported as Linux 6.1's watchdog
# reports it ("watchdog: BUG: soft lockup - CPU#0 stuck for Ns!", modules,
# registers, call trace, taint L); then, unlike Linux, ksim kills the task
# and the script goes on. A module that sleeps in its loop is not a lockup.
. "$(dirname "$0")/lib.sh"
out="$KSIM_TEST_TMP/out"
m="$KSIM_TEST_TMP/lockup"
mkdir -p "$m"
cat >"$m/spin.c" <<'C'
#include <linux/module.h>
#include <linux/init.h>
static int __init spin_init(void)
{
	pr_info("spin: waiting forever\n");
	while (1)
		;
	return 0;
}
module_init(spin_init);
MODULE_LICENSE("GPL");
C
cat >"$m/spinread.c" <<'C'
#include <linux/module.h>
#include <linux/init.h>
#include <linux/proc_fs.h>
static int ready;
static noinline void wait_ready(void)
{
	while (!READ_ONCE(ready))
		barrier();
}
static ssize_t spin_read(struct file *file, char __user *buf, size_t len, loff_t *off)
{
	wait_ready();
	return 0;
}
static const struct proc_ops spin_ops = { .proc_read = spin_read };
static struct proc_dir_entry *entry;
static int __init spinread_init(void)
{
	entry = proc_create("spinread", 0444, NULL, &spin_ops);
	return entry ? 0 : -ENOMEM;
}
static void __exit spinread_exit(void)
{
	proc_remove(entry);
}
module_init(spinread_init);
module_exit(spinread_exit);
MODULE_LICENSE("GPL");
C
cat >"$m/sleeper.c" <<'C'
#include <linux/module.h>
#include <linux/init.h>
#include <linux/delay.h>
static int __init sleeper_init(void)
{
	int i;
	for (i = 0; i < 15; i++)
		msleep(100);
	/* One sleep longer than the threshold: off the CPU all along. */
	msleep(1600);
	pr_info("sleeper: done\n");
	return 0;
}
module_init(sleeper_init);
MODULE_LICENSE("GPL");
C
cat >"$m/busywait.c" <<'C'
#include <linux/module.h>
#include <linux/init.h>
#include <linux/delay.h>
static int __init busywait_init(void)
{
	int i;
	for (i = 0; i < 1500; i++)
		udelay(1000);
	pr_info("busywait: done\n");
	return 0;
}
module_init(busywait_init);
MODULE_LICENSE("GPL");
C
echo 'obj-m := spin.o spinread.o sleeper.o busywait.o' >"$m/Makefile"

rc=$(run_to "$out" "$KSIM" run -t --soft-lockup 1 "$m" -c 'insmod spin.ko; cat /proc/modules;
    insmod sleeper.ko; insmod spinread.ko; cat /proc/spinread; lsmod; rmmod spinread;
    cat /proc/sys/kernel/tainted')
[ "$rc" = 3 ] || { cat "$out"; fail "exit $rc, want 3"; }
expect_line "$out" 'spin: waiting forever'
grep -qE '^watchdog: BUG: soft lockup - CPU#0 stuck for 1s! \[insmod:[0-9]+\]$' "$out" ||
    { cat "$out"; fail "soft lockup line for insmod"; }
expect_line "$out" 'Modules linked in: spin(OE+)'
grep -qE '^CPU: 0 PID: [0-9]+ Comm: insmod Tainted: G           OE      6\.1\.0-ksim #1$' "$out" ||
    fail "CPU line"
grep -qE '^RIP: 0010:spin_init\+0x[0-9a-f]+/0x[0-9a-f]+ \[spin\]$' "$out" || fail "RIP in spin_init"
expect_line "$out" 'Call Trace:'
expect_line "$out" 'Killed'
# Linux leaves the module "Loading" with insmod stuck; ksim's insmod is dead.
grep -qE '^spin [0-9]+ 1 \[permanent\], Loading 0x[0-9a-f]{16} \(OE\+\)$' "$out" ||
    fail "spin left Loading"
# Sleeping 1.5 s in steps of 100 ms, then 1.6 s at once, is sleeping, not
# spinning: no report for sleeper.
expect_line "$out" 'sleeper: done'
[ "$(grep -c 'soft lockup' "$out")" -ge 2 ] || fail "second lockup"
grep -qE '^watchdog: BUG: soft lockup - CPU#0 stuck for 1s! \[cat:[0-9]+\]$' "$out" ||
    fail "soft lockup line for cat"
grep -qE '^RIP: 0010:wait_ready\+0x[0-9a-f]+/0x[0-9a-f]+ \[spinread\]$' "$out" ||
    fail "RIP in wait_ready"
grep -qE '^ spin_read\+0x[0-9a-f]+/0x[0-9a-f]+ \[spinread\]$' "$out" || fail "trace: spin_read"
expect_no_text "$out" 'sleeper.ko]'
grep -qE '^sleeper +[0-9]+  0$' "$out" || fail "lsmod: sleeper"
grep -qE '^spinread +[0-9]+  0$' "$out" || fail "lsmod: spinread"
expect_line "$out" '28672' # O, E and L (no D: a soft lockup is not an Oops)
expect_text "$out" 'soft-lockup: BUG: soft lockup - CPU#0 stuck for 1s! [insmod:'
expect_text "$out" 'ksim killed it to go on'
grep -qE 'spin\.c:[0-9]+' "$out" || fail "source line in spin.c"
[ "$(grep -c 'soft-lockup:' "$out")" = 2 ] || fail "two findings"

# The virtual clock: the report is deterministic and kernel time moves on.
rc=$(run_to "$out" "$KSIM" run --virtual-clock --soft-lockup 1 "$m" -c 'insmod spin.ko; lsmod')
[ "$rc" = 3 ] || { cat "$out"; fail "virtual clock: exit $rc"; }
grep -qE '^\[ *1\.[0-9]{6}\] watchdog: BUG: soft lockup - CPU#0 stuck for 1s! \[insmod:[0-9]+\]$' \
    "$out" || { cat "$out"; fail "virtual clock: stamp after 1 s"; }

# udelay busy-waits (it does not schedule): 1.5 s of it is a soft lockup,
# even though the task spends that time inside the kernel's delay loop.
rc=$(run_to "$out" "$KSIM" run -t --soft-lockup 1 "$m" -c 'insmod busywait.ko; lsmod')
[ "$rc" = 3 ] || { cat "$out"; fail "udelay: exit $rc"; }
grep -qE '^watchdog: BUG: soft lockup - CPU#0 stuck for 1s! \[insmod:[0-9]+\]$' "$out" ||
    { cat "$out"; fail "udelay: soft lockup"; }
expect_no_text "$out" 'busywait: done'
expect_line "$out" 'Killed'
# --soft-lockup 0 turns the watchdog off: the same busy wait completes.
rc=$(run_to "$out" "$KSIM" run -t --soft-lockup 0 "$m" -c 'insmod busywait.ko; lsmod')
[ "$rc" = 0 ] || { cat "$out"; fail "watchdog off: exit $rc"; }
expect_line "$out" 'busywait: done'
expect_no_text "$out" 'soft lockup'
echo "check_softlockup: ok"
