// SPDX-License-Identifier: GPL-2.0
/*
 * params: one module parameter of every type module_param() accepts, plus
 * arrays and a string copied into a buffer. All values are printed at load
 * time, so `insmod params.ko count=5 names=a,b` shows what was parsed.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

static unsigned char p_byte = 'A';
module_param(p_byte, byte, 0444);
MODULE_PARM_DESC(p_byte, "an unsigned char");

static short p_short = -2;
module_param(p_short, short, 0444);
MODULE_PARM_DESC(p_short, "a short");

static unsigned short p_ushort = 2;
module_param(p_ushort, ushort, 0444);

static int count = 1;
module_param(count, int, 0644);
MODULE_PARM_DESC(count, "how many times to greet");

static unsigned int p_uint = 4000000000U;
module_param(p_uint, uint, 0444);

static long p_long = -1234567890123L;
module_param(p_long, long, 0444);

static unsigned long p_ulong = 1234567890123UL;
module_param(p_ulong, ulong, 0);

static unsigned long long p_ullong = 18446744073709551615ULL;
module_param(p_ullong, ullong, 0444);

static unsigned int mask = 0xff;
module_param(mask, hexint, 0644);
MODULE_PARM_DESC(mask, "a bit mask, shown in hex");

static char *whom = "world";
module_param(whom, charp, 0444);
MODULE_PARM_DESC(whom, "who to greet");

static bool verbose;
module_param(verbose, bool, 0644);
MODULE_PARM_DESC(verbose, "print more");

static bool quiet = true;
module_param(quiet, invbool, 0444);
MODULE_PARM_DESC(quiet, "inverted: loud=1 means quiet=0");

static int p_bint = 1;
module_param(p_bint, bint, 0444);

static int values[4] = { 1, 2 };
static int nr_values = 2;
module_param_array(values, int, &nr_values, 0444);
MODULE_PARM_DESC(values, "up to four integers");

static char *names[3];
static int nr_names;
module_param_array(names, charp, &nr_names, 0);

static char label[16] = "default";
module_param_string(label, label, sizeof(label), 0644);
MODULE_PARM_DESC(label, "a short label copied into a buffer");

static int internal_level = 3;
module_param_named(level, internal_level, int, 0644);
MODULE_PARM_DESC(level, "exposed as 'level'");

static int __init params_init(void)
{
	int i;

	pr_info("byte=%u short=%hd ushort=%hu uint=%u\n", p_byte, p_short, p_ushort, p_uint);
	pr_info("long=%ld ulong=%lu ullong=%llu\n", p_long, p_ulong, p_ullong);
	pr_info("count=%d mask=0x%x whom=%s verbose=%d quiet=%d bint=%d\n", count, mask, whom,
		verbose, quiet, p_bint);
	pr_info("label=%s level=%d\n", label, internal_level);
	for (i = 0; i < nr_values; i++)
		pr_info("values[%d]=%d\n", i, values[i]);
	for (i = 0; i < nr_names; i++)
		pr_info("names[%d]=%s\n", i, names[i]);
	for (i = 0; i < count; i++)
		pr_info("Hello, %s\n", whom);
	return 0;
}

static void __exit params_exit(void)
{
	pr_info("count=%d label=%s on exit\n", count, label);
}

module_init(params_init);
module_exit(params_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("ksim examples");
MODULE_DESCRIPTION("Every kind of module parameter");
MODULE_VERSION("1.2");
