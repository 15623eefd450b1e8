// SPDX-License-Identifier: GPL-2.0
/*
 * no_license: deliberately has no MODULE_LICENSE(). modpost refuses to
 * finish the build ("missing MODULE_LICENSE()"), so no .ko is produced.
 */
#include <linux/init.h>
#include <linux/module.h>

static int __init no_license_init(void)
{
	pr_info("no_license: loaded\n");
	return 0;
}

static void __exit no_license_exit(void)
{
	pr_info("no_license: unloaded\n");
}

module_init(no_license_init);
module_exit(no_license_exit);

MODULE_DESCRIPTION("Forgets to declare a license");
