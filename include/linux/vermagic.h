/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: the "vermagic" string modpost writes into every module and the
 * loader compares with its own: release plus the configuration features
 * that change the module ABI. Must equal vermagic_for() in
 * src/kernel/kernel.cpp ("6.1.0-ksim SMP preempt mod_unload ").
 */
#ifndef _LINUX_VERMAGIC_H
#define _LINUX_VERMAGIC_H

#include <generated/utsrelease.h>

#define MODULE_VERMAGIC_SMP "SMP "
#define MODULE_VERMAGIC_PREEMPT "preempt "
#define MODULE_VERMAGIC_MODULE_UNLOAD "mod_unload "
#define MODULE_VERMAGIC_MODVERSIONS ""
#define MODULE_ARCH_VERMAGIC ""
#define MODULE_RANDSTRUCT ""

#define VERMAGIC_STRING                                                        \
	UTS_RELEASE " " MODULE_VERMAGIC_SMP MODULE_VERMAGIC_PREEMPT            \
	MODULE_VERMAGIC_MODULE_UNLOAD MODULE_VERMAGIC_MODVERSIONS              \
	MODULE_ARCH_VERMAGIC MODULE_RANDSTRUCT

#endif
