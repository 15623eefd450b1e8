/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/* ksim: the __kernel_* base types of the x86-64 system call ABI. */
#ifndef _UAPI_ASM_X86_POSIX_TYPES_H
#define _UAPI_ASM_X86_POSIX_TYPES_H

typedef long __kernel_long_t;
typedef unsigned long __kernel_ulong_t;
typedef int __kernel_pid_t;
typedef unsigned int __kernel_uid32_t;
typedef unsigned int __kernel_gid32_t;
typedef __kernel_uid32_t __kernel_uid_t;
typedef __kernel_gid32_t __kernel_gid_t;
typedef unsigned int __kernel_mode_t;
typedef int __kernel_ipc_pid_t;
typedef __kernel_ulong_t __kernel_ino_t;
typedef int __kernel_daddr_t;
typedef __kernel_ulong_t __kernel_size_t;
typedef __kernel_long_t __kernel_ssize_t;
typedef __kernel_long_t __kernel_ptrdiff_t;
typedef __kernel_long_t __kernel_off_t;
typedef long long __kernel_loff_t;
typedef __kernel_long_t __kernel_old_time_t;
typedef __kernel_long_t __kernel_time_t;
typedef long long __kernel_time64_t;
typedef __kernel_long_t __kernel_clock_t;
typedef int __kernel_timer_t;
typedef int __kernel_clockid_t;
typedef char *__kernel_caddr_t;
typedef unsigned short __kernel_uid16_t;
typedef unsigned short __kernel_gid16_t;
typedef __kernel_long_t __kernel_suseconds_t;
typedef unsigned int __kernel_old_dev_t;
typedef struct {
	int val[2];
} __kernel_fsid_t;

#endif
