#!/bin/bash
# Modes given by the module are enforced as Linux enforces them (issue 5).
# In the script shell (root): a read-only sysfs attribute or parameter
# cannot be opened for writing even by root (kernfs), a 0000 parameter is
# not listed, while root may write a 0444 /proc file that has proc_write
# (CAP_DAC_OVERRIDE). Through FUSE, for a non-root user: 0444 and
# root-owned 0644 files refuse writes, a 0400 attribute refuses reads, a
# 0666 device accepts both.
. "$(dirname "$0")/lib.sh"
m="$KSIM_TEST_TMP/perms"
mkdir -p "$m"
cat >"$m/perms.c" <<'SRC'
#include <linux/module.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/proc_fs.h>
#include <linux/sysfs.h>
#include <linux/uaccess.h>

static int level = 1;
module_param(level, int, 0444);
static int hidden = 2;
module_param(hidden, int, 0);

static ssize_t ro_show(struct device *d, struct device_attribute *a, char *buf)
{
	return sysfs_emit(buf, "ro\n");
}
static ssize_t ro_store(struct device *d, struct device_attribute *a, const char *buf,
			size_t n)
{
	pr_info("perms: ro_store called\n");
	return n;
}
static DEVICE_ATTR(ro, 0444, ro_show, ro_store);

static ssize_t rw_show(struct device *d, struct device_attribute *a, char *buf)
{
	return sysfs_emit(buf, "rw\n");
}
static ssize_t rw_store(struct device *d, struct device_attribute *a, const char *buf,
			size_t n)
{
	pr_info("perms: rw_store called\n");
	return n;
}
static DEVICE_ATTR_RW(rw);

static ssize_t secret_show(struct device *d, struct device_attribute *a, char *buf)
{
	return sysfs_emit(buf, "secret\n");
}
static DEVICE_ATTR_ADMIN_RO(secret);

static ssize_t proc_w(struct file *f, const char __user *buf, size_t n, loff_t *pos)
{
	pr_info("perms: proc_write called\n");
	return n;
}
static const struct proc_ops pops = { .proc_write = proc_w };

static ssize_t dev_w(struct file *f, const char __user *buf, size_t n, loff_t *pos)
{
	pr_info("perms: device write by uid-less caller\n");
	return n;
}
static const struct file_operations fops = { .owner = THIS_MODULE, .write = dev_w };
static struct miscdevice misc = {
	.minor = MISC_DYNAMIC_MINOR, .name = "perms_open", .fops = &fops, .mode = 0666,
};

static int __init perms_init(void)
{
	int ret = misc_register(&misc);

	if (ret)
		return ret;
	proc_create("perms_ro", 0444, NULL, &pops);
	ret = device_create_file(misc.this_device, &dev_attr_ro);
	ret = ret ?: device_create_file(misc.this_device, &dev_attr_rw);
	return ret ?: device_create_file(misc.this_device, &dev_attr_secret);
}

static void __exit perms_exit(void)
{
	remove_proc_entry("perms_ro", NULL);
	misc_deregister(&misc);
}

module_init(perms_init);
module_exit(perms_exit);
MODULE_LICENSE("GPL");
SRC
echo 'obj-m += perms.o' >"$m/Makefile"
"$KSIM" make "$m" >"$KSIM_TEST_TMP/build.out" 2>&1 || { cat "$KSIM_TEST_TMP/build.out"; fail "build"; }
s=/sys/class/misc/perms_open
out="$KSIM_TEST_TMP/root.out"
rc=$(run_to "$out" "$KSIM" run -t "$m" -c "insmod perms.ko; echo 1 > $s/ro; echo 1 > $s/rw;
    echo 5 > /sys/module/perms/parameters/level; ls /sys/module/perms/parameters;
    echo 1 > /proc/perms_ro; echo 1 > /sys/module/perms/refcnt; cat $s/secret")
expect_line "$out" "sh: can't create $s/ro: Permission denied"
expect_no_text "$out" 'perms: ro_store called'
expect_line "$out" 'perms: rw_store called'
expect_line "$out" "sh: can't create /sys/module/perms/parameters/level: Permission denied"
expect_line "$out" 'level'
expect_no_text "$out" 'hidden'
expect_line "$out" 'perms: proc_write called'
expect_line "$out" "sh: can't create /sys/module/perms/refcnt: Permission denied"
expect_line "$out" 'secret'

# A non-root user through FUSE (the mount is that user's own).
if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null || [ ! -e /dev/fuse ] ||
    ! command -v fusermount3 >/dev/null; then
    echo "SKIP: needs root (to become nobody), setpriv and FUSE"
    exit 77
fi
u="$KSIM_TEST_TMP/user"
mkdir -p "$u/run" "$u/mnt"
cp "$m/perms.ko" "$u/"
chown -R nobody "$u"
chmod 700 "$u/run"
as_nobody() {
    setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups \
        env XDG_RUNTIME_DIR="$u/run" KSIM_KERNEL="perms-$$" HOME="$u" "$@"
}
as_nobody "$KSIM" boot --mount "$u/mnt" >/dev/null || fail "boot as nobody"
trap 'as_nobody "$KSIM" halt >/dev/null 2>&1 || true' EXIT
as_nobody "$KSIM" insmod "$u/perms.ko" || fail "insmod as nobody"
mn="$u/mnt$s"
as_nobody sh -c "echo 1 > '$mn/ro'" 2>"$KSIM_TEST_TMP/e1" && fail "nobody wrote a 0444 attribute"
expect_text "$KSIM_TEST_TMP/e1" 'Permission denied'
as_nobody sh -c "echo 1 > '$mn/rw'" 2>"$KSIM_TEST_TMP/e2" && fail "nobody wrote root's 0644 attribute"
expect_text "$KSIM_TEST_TMP/e2" 'Permission denied'
as_nobody cat "$mn/secret" 2>"$KSIM_TEST_TMP/e3" && fail "nobody read a 0400 attribute"
expect_text "$KSIM_TEST_TMP/e3" 'Permission denied'
as_nobody sh -c "echo 1 > '$u/mnt/proc/perms_ro'" 2>"$KSIM_TEST_TMP/e4" && fail "nobody wrote a 0444 proc file"
expect_text "$KSIM_TEST_TMP/e4" 'Permission denied'
[ "$(as_nobody cat "$mn/rw")" = rw ] || fail "nobody cannot read a 0644 attribute"
as_nobody sh -c "echo 1 > '$u/mnt/dev/perms_open'" || fail "nobody cannot write a 0666 device"
as_nobody "$KSIM" dmesg >"$KSIM_TEST_TMP/dmesg.out"
expect_no_text "$KSIM_TEST_TMP/dmesg.out" 'ro_store called'
expect_no_text "$KSIM_TEST_TMP/dmesg.out" 'rw_store called'
expect_no_text "$KSIM_TEST_TMP/dmesg.out" 'proc_write called'
expect_text "$KSIM_TEST_TMP/dmesg.out" 'perms: device write'
as_nobody "$KSIM" halt || fail "halt"
trap - EXIT
echo "dev_perms: ok"
