#!/bin/bash
# Device attributes and device messages (issue 5): DEVICE_ATTR_RW/RO/WO and
# DEVICE_ATTR with device_create_file() on a class device appear in
# /sys/class/<class>/<device>/, their show/store get a page and the
# driver data; dev_info/dev_err print "<class> <device>: "; a read-only
# attribute cannot be written even by root (kernfs refuses the open), and
# the removed files are gone after device_remove_file().
. "$(dirname "$0")/lib.sh"
m="$KSIM_TEST_TMP/attrs"
mkdir -p "$m"
cat >"$m/attrs.c" <<'SRC'
#include <linux/module.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/kernel.h>
#include <linux/sysfs.h>

struct demo {
	int value;
	const char *label;
};

static struct demo demo = { .value = 7, .label = "first" };
static struct class *cls;
static struct device *dev;
static dev_t devt;

static ssize_t value_show(struct device *d, struct device_attribute *attr, char *buf)
{
	struct demo *p = dev_get_drvdata(d);

	return sysfs_emit(buf, "%d\n", p->value);
}

static ssize_t value_store(struct device *d, struct device_attribute *attr, const char *buf,
			   size_t count)
{
	struct demo *p = dev_get_drvdata(d);
	int v;

	if (kstrtoint(buf, 0, &v)) {
		dev_err(d, "bad value '%.*s'\n", (int)strcspn(buf, "\n"), buf);
		return -EINVAL;
	}
	p->value = v;
	dev_info(d, "value set to %d\n", v);
	return count;
}
static DEVICE_ATTR_RW(value);

static ssize_t label_show(struct device *d, struct device_attribute *attr, char *buf)
{
	struct demo *p = dev_get_drvdata(d);

	return sysfs_emit(buf, "%s (page aligned: %d)\n", p->label,
			  ((unsigned long)buf & (PAGE_SIZE - 1)) == 0);
}
static DEVICE_ATTR_RO(label);

static ssize_t reset_store(struct device *d, struct device_attribute *attr, const char *buf,
			   size_t count)
{
	struct demo *p = dev_get_drvdata(d);

	p->value = 0;
	dev_warn(d, "reset\n");
	return count;
}
static DEVICE_ATTR_WO(reset);

static ssize_t secret_show(struct device *d, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "42\n");
}
static DEVICE_ATTR(secret, 0400, secret_show, NULL);

static ssize_t gone_show(struct device *d, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "temporary\n");
}
static DEVICE_ATTR_RO(gone);

static struct miscdevice misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "attrs_misc",
};

static int __init attrs_init(void)
{
	int ret = alloc_chrdev_region(&devt, 0, 1, "attrs");

	if (ret)
		return ret;
	cls = class_create(THIS_MODULE, "attrs");
	dev = device_create(cls, NULL, devt, &demo, "attrs%d", 0);
	ret = device_create_file(dev, &dev_attr_value);
	ret = ret ?: device_create_file(dev, &dev_attr_label);
	ret = ret ?: device_create_file(dev, &dev_attr_reset);
	ret = ret ?: device_create_file(dev, &dev_attr_secret);
	ret = ret ?: device_create_file(dev, &dev_attr_gone);
	pr_info("attrs: duplicate: %d\n", device_create_file(dev, &dev_attr_value));
	device_remove_file(dev, &dev_attr_gone);
	dev_info(dev, "ready with value %d\n", demo.value);
	dev_dbg(dev, "not printed without DEBUG\n");
	misc_register(&misc);
	dev_notice(misc.this_device, "misc device message\n");
	dev_printk(KERN_ERR, dev, "through dev_printk\n");
	return ret;
}

static void __exit attrs_exit(void)
{
	misc_deregister(&misc);
	device_remove_file(dev, &dev_attr_value);
	device_destroy(cls, devt);
	class_destroy(cls);
	unregister_chrdev_region(devt, 1);
}

module_init(attrs_init);
module_exit(attrs_exit);
MODULE_LICENSE("GPL");
SRC
echo 'obj-m += attrs.o' >"$m/Makefile"
"$KSIM" make "$m" >"$KSIM_TEST_TMP/build.out" 2>&1 || { cat "$KSIM_TEST_TMP/build.out"; fail "build"; }
s=/sys/class/attrs/attrs0
out="$KSIM_TEST_TMP/run.out"
rc=$(run_to "$out" "$KSIM" run -t "$m" -c "insmod attrs.ko; ls $s; ls -l $s/value $s/label $s/reset $s/secret;
    cat $s/value; echo 12 > $s/value; cat $s/value; echo nope > $s/value; cat $s/label;
    echo x > $s/label; cat $s/reset; echo 1 > $s/reset; cat $s/value; cat $s/secret; cat $s/gone; rmmod attrs")
expect_line "$out" 'attrs: duplicate: -17'
expect_text "$out" "sysfs: cannot create duplicate filename '/devices/virtual/attrs/attrs0/value'"
expect_line "$out" 'attrs attrs0: ready with value 7'
expect_no_text "$out" 'not printed without DEBUG'
expect_line "$out" 'misc attrs_misc: misc device message'
expect_line "$out" 'attrs attrs0: through dev_printk'
expect_line "$out" 'dev'
expect_line "$out" 'label'
expect_line "$out" 'reset'
expect_line "$out" 'secret'
sed -n '/^\$ ls \/sys\/class\/attrs\/attrs0$/,/^\$ ls -l/p' "$out" | grep -qx gone && fail "removed attribute listed"
expect_text "$out" '-rw-r--r--    1 0        0             4096 Jan  1 00:00 /sys/class/attrs/attrs0/value'
expect_text "$out" '-r--r--r--    1 0        0             4096 Jan  1 00:00 /sys/class/attrs/attrs0/label'
expect_text "$out" '--w-------    1 0        0             4096 Jan  1 00:00 /sys/class/attrs/attrs0/reset'
expect_text "$out" '-r--------    1 0        0             4096 Jan  1 00:00 /sys/class/attrs/attrs0/secret'
expect_line "$out" '7'
expect_line "$out" 'attrs attrs0: value set to 12'
expect_line "$out" '12'
expect_line "$out" "attrs attrs0: bad value 'nope'"
expect_line "$out" 'sh: write error: Invalid argument'
expect_line "$out" 'first (page aligned: 1)'
expect_line "$out" "sh: can't create /sys/class/attrs/attrs0/label: Permission denied"
expect_line "$out" "cat: can't open '/sys/class/attrs/attrs0/reset': Permission denied"
expect_line "$out" 'attrs attrs0: reset'
expect_line "$out" '0'
expect_line "$out" '42'
expect_line "$out" "cat: can't open '/sys/class/attrs/attrs0/gone': No such file or directory"
echo "dev_attrs: ok"
