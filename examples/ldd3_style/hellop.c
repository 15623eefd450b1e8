// SPDX-License-Identifier: GPL-2.0
/*
 * hellop: a parameterised hello in the style of LDD3 chapter 2. It greets
 * `whom` `howmany` times and says which process loaded it.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/sched.h>

static char *whom = "world";
static int howmany = 1;
module_param(howmany, int, S_IRUGO);
module_param(whom, charp, S_IRUGO);

static int __init hellop_init(void)
{
	int i;

	for (i = 0; i < howmany; i++)
		printk(KERN_ALERT "(%d) Hello, %s\n", i, whom);
	printk(KERN_INFO "The process is \"%s\" (pid %i)\n", current->comm, current->pid);
	return 0;
}

static void __exit hellop_exit(void)
{
	printk(KERN_ALERT "Goodbye, cruel world\n");
}

module_init(hellop_init);
module_exit(hellop_exit);

MODULE_LICENSE("Dual BSD/GPL");
