#!/bin/bash
# Registrations left behind at rmmod (issue 4, "leaks"): every kind a module
# can register and forget in its exit (or in a failing init) is a finding
# naming the registering line, exit status 3; ksim then removes the stale
# registration so /proc/devices, /dev, /proc, /sys and a second insmod of the
# same module keep working.
. "$(dirname "$0")/lib.sh"
out="$KSIM_TEST_TMP/out"
m="$KSIM_TEST_TMP/rl"
mkdir -p "$m"
cat >"$m/rl.c" <<'C'
#include <linux/module.h>
#include <linux/init.h>
#include <linux/fs.h>
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/miscdevice.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/kobject.h>
#include <linux/sysfs.h>
#include <linux/debugfs.h>
#include <linux/vmalloc.h>
#include <linux/gfp.h>
static int leak;
module_param(leak, int, 0444);
static int fail;
module_param(fail, int, 0444);
static const struct file_operations rl_fops = { .owner = THIS_MODULE };
static int chr_major;
static dev_t region;
static struct cdev rl_cdev;
static struct miscdevice rl_misc = { .minor = MISC_DYNAMIC_MINOR, .name = "rl_misc", .fops = &rl_fops };
static struct class *cls;
static struct proc_dir_entry *pde;
static struct kobject *kobj;
static ssize_t v_show(struct kobject *k, struct kobj_attribute *a, char *buf) { return sysfs_emit(buf, "1\n"); }
static struct kobj_attribute v_attr = __ATTR_RO(v);
static ssize_t rl_top_show(struct kobject *k, struct kobj_attribute *a, char *buf) { return sysfs_emit(buf, "2\n"); }
static struct kobj_attribute top_attr = __ATTR_RO(rl_top);
static struct dentry *dbg;
static u32 dbg_value;
static void *vbuf;
static unsigned long page;
static int rl_show(struct seq_file *s, void *v) { seq_puts(s, "rl\n"); return 0; }
static int __init rl_init(void)
{
	chr_major = register_chrdev(0, "rl_chr", &rl_fops);
	if (fail)
		return -ENOMEM;
	alloc_chrdev_region(&region, 0, 2, "rl_region");
	cdev_init(&rl_cdev, &rl_fops);
	cdev_add(&rl_cdev, region, 2);
	misc_register(&rl_misc);
	cls = class_create(THIS_MODULE, "rl_class");
	device_create(cls, NULL, region, NULL, "rl_dev");
	pde = proc_create_single("rl_proc", 0, NULL, rl_show);
	kobj = kobject_create_and_add("rl_kobj", kernel_kobj);
	sysfs_create_file(kobj, &v_attr.attr);
	dbg = debugfs_create_dir("rl_dbg", NULL);
	debugfs_create_u32("value", 0644, dbg, &dbg_value);
	vbuf = vmalloc(100);
	page = __get_free_page(GFP_KERNEL);
	if (leak & 256)
		sysfs_create_file(kernel_kobj, &top_attr.attr);
	pr_info("rl: major %d\n", chr_major);
	return 0;
}
static void __exit rl_exit(void)
{
	if (!(leak & 1))
		unregister_chrdev(chr_major, "rl_chr");
	if (!(leak & 2)) {
		cdev_del(&rl_cdev);
		unregister_chrdev_region(region, 2);
	}
	if (!(leak & 4))
		misc_deregister(&rl_misc);
	if (!(leak & 8)) {
		device_destroy(cls, region);
		class_destroy(cls);
	}
	if (!(leak & 16))
		proc_remove(pde);
	if (!(leak & 32))
		kobject_put(kobj);
	if (!(leak & 64))
		debugfs_remove(dbg);
	if (!(leak & 128)) {
		vfree(vbuf);
		free_page(page);
	}
}
module_init(rl_init);
module_exit(rl_exit);
MODULE_LICENSE("GPL");
C
echo 'obj-m := rl.o' >"$m/Makefile"

at='registered at (rl_init|init_module)\+0x[0-9a-f]+/0x[0-9a-f]+ \[rl\] \(.*/rl\.c'
# All of it left behind, then the same commands again: nothing stale remains.
rc=$(run_to "$out" "$KSIM" run -t "$m" -c 'insmod rl.ko leak=255; rmmod rl; cat /proc/devices;
    ls /dev; ls /proc; ls /sys/kernel; ls /sys/kernel/debug; ls /sys/class;
    insmod rl.ko; rmmod rl')
[ "$rc" = 3 ] || { cat "$out"; fail "leak=255: exit $rc"; }
grep -qE "\] resource-leak: leaked at rmmod of rl: chrdev region 2[0-9]{2}:0-255 \"rl_chr\" $at:37\)\$" \
    "$out" || { cat "$out"; fail "register_chrdev"; }
grep -qE "\] resource-leak: leaked at rmmod of rl: chrdev region 2[0-9]{2}:0-1 \"rl_region\" $at:40\)\$" \
    "$out" || fail "alloc_chrdev_region"
grep -qE "\] resource-leak: leaked at rmmod of rl: cdev 2[0-9]{2}:0-1 $at:42\)\$" "$out" || fail "cdev"
grep -qE "\] resource-leak: leaked at rmmod of rl: misc device \"rl_misc\" \(10:[0-9]+\) $at:43\)\$" \
    "$out" || fail "misc"
grep -qE "\] resource-leak: leaked at rmmod of rl: class \"rl_class\" \(/sys/class/rl_class\) $at:44\)\$" \
    "$out" || fail "class"
grep -qE "\] resource-leak: leaked at rmmod of rl: device \"rl_dev\" \(2[0-9]{2}:0, /dev/rl_dev\) $at:45\)\$" \
    "$out" || fail "device"
grep -qE "\] resource-leak: leaked at rmmod of rl: /proc entry /proc/rl_proc $at:46\)\$" "$out" ||
    fail "proc"
grep -qE "\] resource-leak: leaked at rmmod of rl: sysfs kobject /sys/kernel/rl_kobj $at:47\)\$" \
    "$out" || fail "kobject"
grep -qE "\] resource-leak: leaked at rmmod of rl: debugfs entry /sys/kernel/debug/rl_dbg $at:49\)\$" \
    "$out" || fail "debugfs"
# What lies inside a leaked directory is not a finding of its own.
expect_no_text "$out" 'sysfs file /sys/kernel/rl_kobj/v'
expect_no_text "$out" 'debugfs entry /sys/kernel/debug/rl_dbg/value'
# vmalloc and page leaks are kmemleak's.
grep -qE '\] leak: rl leaked 100 bytes \(vmalloc\) allocated at (rl_init|init_module)\+' "$out" || fail "vmalloc"
grep -qE '\] leak: rl leaked 4096 bytes \(pages\) allocated at (rl_init|init_module)\+' "$out" || fail "pages"
expect_text "$out" "cat /proc/devices reads the name from the unloaded module's memory"
expect_text "$out" 'ksim has removed it'
# After the rmmod nothing of it is listed, and the second insmod works.
listing="$KSIM_TEST_TMP/listing"
sed -n '/^\$ cat \/proc\/devices$/,/^\$ insmod rl.ko$/p' "$out" >"$listing"
expect_line "$listing" 'Character devices:'
for name in rl_chr rl_region rl_misc rl_dev rl_proc rl_kobj rl_dbg rl_class; do
    expect_no_text "$listing" "$name"
done
expect_no_text "$out" 'something is seriously wrong'
[ "$(grep -c 'rl: major ' "$out")" = 2 ] || fail "second insmod"
[ "$(grep -c '] resource-leak: ' "$out")" = 9 ] || fail "nine leaks, the second run none"

# Each kind on its own.
# bit:findings (a region and its cdev, a class and its device are two)
for case in 1:1 2:2 4:1 8:2 16:1 32:1 64:1; do
    bit=${case%:*}
    rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -- leak=$bit)
    [ "$rc" = 3 ] || fail "leak=$bit: exit $rc"
    [ "$(grep -c '] resource-leak: ' "$out")" = "${case#*:}" ] ||
        { cat "$out"; fail "leak=$bit: findings"; }
done
# An attribute file on a kobject that is not the module's.
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -c 'insmod rl.ko leak=256; ls /sys/kernel;
    rmmod rl; ls /sys/kernel')
[ "$rc" = 3 ] || fail "leak=256: exit $rc"
grep -qE "\] resource-leak: leaked at rmmod of rl: sysfs file /sys/kernel/rl_top $at:54\)\$" \
    "$out" || { cat "$out"; fail "sysfs file"; }
[ "$(grep -cx 'rl_top' "$out")" = 1 ] || fail "rl_top listed while loaded, gone after"

# A failing init that does not undo its registration.
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -c 'insmod rl.ko fail=1; cat /proc/devices;
    echo ---; insmod rl.ko; rmmod rl')
[ "$rc" = 3 ] || fail "fail=1: exit $rc"
grep -qE "\] resource-leak: left registered by the failed init of rl: chrdev region 2[0-9]{2}:0-255 \"rl_chr\" $at:37\)\$" \
    "$out" || { cat "$out"; fail "failed init"; }
sed -n '/^\$ cat \/proc\/devices$/,/^---$/p' "$out" >"$listing"
expect_line "$listing" 'Character devices:'
expect_no_text "$listing" 'rl_chr'
grep -qE '^rl: major [0-9]+$' "$out" || fail "insmod after the failed one"

rc=$(run_to "$out" "$KSIM" run -t --no-build "$m")
[ "$rc" = 0 ] || { cat "$out"; fail "clean: exit $rc"; }
expect_line "$out" 'no findings'
echo "check_resource_leaks: ok"
