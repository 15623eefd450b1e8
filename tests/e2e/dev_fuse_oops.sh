#!/bin/bash
# A module's file operation that oopses under a real program (issue 5: only
# the calling task dies): through the FUSE mount the host process that made
# the read() is killed with the signal Linux kills it with (SIGKILL after a
# page fault Oops), the kernel reports the Oops, and the mount and the
# module's other files keep working for the next program; the module can
# still be removed. Checked against Linux 6.1 with shared/oracle/run-real
# (cat Killed with status 137, refcount 0, rmmod succeeds).
. "$(dirname "$0")/lib.sh"
m="$KSIM_TEST_TMP/faulty"
mkdir -p "$m"
cat >"$m/faulty.c" <<'C'
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/uaccess.h>

struct counter { long reads; };
static struct counter *gone;	/* never set: reading "bad" dereferences NULL */

static ssize_t bad_read(struct file *f, char __user *buf, size_t n, loff_t *pos)
{
	gone->reads++;
	return 0;
}

static ssize_t good_read(struct file *f, char __user *buf, size_t n, loff_t *pos)
{
	return simple_read_from_buffer(buf, n, pos, "still here\n", 11);
}

static const struct file_operations bad_fops = { .owner = THIS_MODULE, .read = bad_read };
static const struct file_operations good_fops = { .owner = THIS_MODULE, .read = good_read };
static struct miscdevice bad_dev = { .minor = MISC_DYNAMIC_MINOR, .name = "faulty_bad", .fops = &bad_fops };
static struct miscdevice good_dev = { .minor = MISC_DYNAMIC_MINOR, .name = "faulty_good", .fops = &good_fops };

static int __init faulty_init(void)
{
	int ret = misc_register(&bad_dev);
	if (ret)
		return ret;
	ret = misc_register(&good_dev);
	if (ret)
		misc_deregister(&bad_dev);
	return ret;
}

static void __exit faulty_exit(void)
{
	misc_deregister(&good_dev);
	misc_deregister(&bad_dev);
}
module_init(faulty_init);
module_exit(faulty_exit);
MODULE_LICENSE("GPL");
C
echo 'obj-m := faulty.o' >"$m/Makefile"
out="$KSIM_TEST_TMP/out"

# The script shell's own commands are tasks too: a cat whose read oopses and
# an echo whose write oopses end "Killed" (status 137), not with an error
# message, and their files are closed as the dead task exits.
sed -i 's|static const struct file_operations bad_fops = { .owner = THIS_MODULE, .read = bad_read };|static ssize_t bad_write(struct file *f, const char __user *buf, size_t n, loff_t *pos)\n{\n\tgone->reads--;\n\treturn n;\n}\nstatic const struct file_operations bad_fops = { .owner = THIS_MODULE, .read = bad_read, .write = bad_write };|' "$m/faulty.c"
grep -q bad_write "$m/faulty.c" || fail "test setup: bad_write"
cat >"$KSIM_TEST_TMP/shell.script" <<'S'
insmod faulty.ko
cat /dev/faulty_bad
echo x > /dev/faulty_bad
cat /dev/faulty_good
rmmod faulty
lsmod
S
rc=$(run_to "$out" "$KSIM" run -t "$m" --script "$KSIM_TEST_TMP/shell.script")
[ "$rc" = 3 ] || { cat "$out"; fail "script shell: exit $rc, want 3"; }
[ "$(grep -c '^Killed$' "$out")" = 2 ] || { cat "$out"; fail "cat and echo both Killed"; }
expect_no_text "$out" 'read error'
expect_no_text "$out" 'write error'
expect_line "$out" 'still here'
expect_no_text "$out" 'is in use'
grep -qE '^CPU: 0 PID: [0-9]+ Comm: cat ' "$out" || fail "first Oops in cat"
grep -qE '^Oops: 0002 \[#2\] PREEMPT SMP NOPTI$' "$out" || { cat "$out"; fail "second Oops (a write access)"; }

if [ ! -e /dev/fuse ] || ! command -v fusermount3 >/dev/null; then
    echo "SKIP: no /dev/fuse or fusermount3"
    exit 77
fi
# The host shell reports how its child died: 128+9 for SIGKILL.
cat >"$KSIM_TEST_TMP/script" <<'S'
insmod faulty.ko
! cat $KSIM_ROOT/dev/faulty_bad; echo "bad status $?"; cat $KSIM_ROOT/dev/faulty_good
cat /proc/modules
rmmod faulty
lsmod
S
rc=$(run_to "$out" "$KSIM" run -t "$m" --script "$KSIM_TEST_TMP/script")
[ "$rc" = 3 ] || { cat "$out"; fail "exit $rc, want 3 (an Oops is a finding)"; }
expect_line "$out" 'BUG: kernel NULL pointer dereference, address: 0000000000000000'
grep -qE '^RIP: 0010:bad_read\+0x[0-9a-f]+/0x[0-9a-f]+ \[faulty\]$' "$out" || fail "RIP in bad_read"
grep -qE '^CPU: 0 PID: [0-9]+ Comm: cat ' "$out" || { cat "$out"; fail "Oops names the host program"; }
expect_line "$out" 'bad status 137'
expect_line "$out" 'still here'
expect_text "$out" 'task cat (pid '
# The dying task's files are closed on its way out (do_exit), so the
# reference its open took is dropped and the module can be removed.
grep -qE '^faulty [0-9]+ 0 - Live 0x[0-9a-f]{16} \(OE\)$' "$out" || fail "/proc/modules after the Oops"
expect_no_text "$out" 'is in use'
echo "dev_fuse_oops: ok"
