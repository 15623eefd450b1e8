#!/bin/bash
# The exported kernel API seen from a real module (issue 3): printk's
# conversions, kstrtobool, ksize classes, snprintf and strscpy return values.
# Every expected line is what the same module printed under Linux 6.1
# (../shared/oracle/run-real), except the %pS size, which depends on layout.
. "$(dirname "$0")/lib.sh"
out="$KSIM_TEST_TMP/out"
d="$KSIM_TEST_TMP/fmt"
mkdir -p "$d"
echo 'obj-m := fmt.o' >"$d/Makefile"
cat >"$d/fmt.c" <<'C'
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/string.h>
static int cnt = 1;
module_param(cnt, int, 0444);
static void *keep[4];
static int __init f_init(void)
{
	bool b = false;
	int r;
	unsigned char ip6[16] = {0x20, 1, 0xd, 0xb8};
	char buf[8];

	ip6[15] = 1;
	pr_info("A[%#x][%#o][%#X]\n", 0, 0, 0);
	pr_info("B[%.3s][%-08d][%08.3d][%.0d]\n", (char *)NULL, 42, 7, 0);
	pr_info("C[%pe][%pe][%p]\n", ERR_PTR(-4000), ERR_PTR(-517), NULL);
	pr_info("D[%pI6c][%*ph][%pa]\n", ip6, 0, ip6, &cnt);
	r = kstrtobool("t", &b);
	pr_info("E %d %d\n", r, b);
	keep[0] = kmalloc(65, GFP_KERNEL);
	keep[1] = kmalloc(129, GFP_KERNEL);
	keep[2] = kmalloc(9000, GFP_KERNEL);
	keep[3] = kmalloc(1, GFP_KERNEL);
	pr_info("G %zu %zu %zu %zu\n", ksize(keep[0]), ksize(keep[1]), ksize(keep[2]), ksize(keep[3]));
	pr_info("H %d [%s]\n", snprintf(buf, sizeof buf, "%5.2s|%c", "abc", 'x'), buf);
	pr_info("I [%ps]\n", (void *)f_init);
	pr_info("J [%*d][%-5c|][%+.2d][% 05d]\n", -4, 1, 'z', 3, 12);
	pr_info("K %d %d\n", (int)strscpy(buf, "abcdefghij", sizeof buf), strcmp("a", "c"));
	pr_info("L cnt=%d\n", cnt);
	return 0;
}
static void __exit f_exit(void)
{
	int i;

	for (i = 0; i < 4; i++)
		kfree(keep[i]);
}
module_init(f_init);
module_exit(f_exit);
MODULE_LICENSE("GPL");
C
"$KSIM" run -t "$d" -c 'insmod fmt.ko cnt=0x2a; rmmod fmt' >"$out" 2>&1 || { cat "$out"; fail "ksim run failed"; }
expect_line "$out" 'A[0x0][0][0X0]'
expect_line "$out" 'B[(nu][42      ][00000007][0]'
expect_line "$out" 'C[-4000][-EPROBE_DEFER][0000000000000000]'
expect_line "$out" 'D[2001:db8::1][][0x000000000000002a]'
expect_line "$out" 'E 0 1'
expect_line "$out" 'G 96 192 16384 8'
expect_line "$out" 'H 7 [   ab|x]'
expect_line "$out" 'I [f_init [fmt]]'
expect_line "$out" 'J [1   ][z    |][+03][ 0012]'
expect_line "$out" 'K -7 -1'
expect_line "$out" 'L cnt=42'
expect_line "$out" 'no findings'
echo PASS
