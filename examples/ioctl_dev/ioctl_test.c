// SPDX-License-Identifier: GPL-2.0
/*
 * ioctl_test: drives /dev/ioctl_dev through every command of ioctl_dev.h
 * and an unknown one, printing what it gets; exits 1 at the first result
 * that is not what the driver promises. An ordinary user program: it runs
 * the same on a machine with the real module loaded.
 *
 *   ioctl_test [VALUE [NAME]]   (defaults: 42 and "renamed")
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "ioctl_dev.h"

static int failed(const char *what)
{
	fprintf(stderr, "ioctl_test: %s: %s\n", what, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	int value = argc > 1 ? atoi(argv[1]) : 42;
	const char *new_name = argc > 2 ? argv[2] : "renamed";
	struct ioctl_dev_pair pair = { .a = 20, .b = 22 };
	struct ioctl_dev_name name;
	__s32 got = -1;
	int fd = open("/dev/ioctl_dev", O_RDWR);

	if (fd < 0)
		return failed("open /dev/ioctl_dev");
	if (ioctl(fd, IOCTL_DEV_GET_NAME, &name) != 0)
		return failed("IOCTL_DEV_GET_NAME");
	printf("name: %s\n", name.name);
	if (ioctl(fd, IOCTL_DEV_SET, &value) != 0)
		return failed("IOCTL_DEV_SET");
	if (ioctl(fd, IOCTL_DEV_GET, &got) != 0)
		return failed("IOCTL_DEV_GET");
	printf("value: %d\n", got);
	if (got != value) {
		fprintf(stderr, "ioctl_test: read back %d, wrote %d\n", got, value);
		return 1;
	}
	if (ioctl(fd, IOCTL_DEV_ADD, &pair) != 0)
		return failed("IOCTL_DEV_ADD");
	printf("add: %d + %d = %d\n", pair.a, pair.b, pair.sum);
	memset(&name, 0, sizeof(name));
	strncpy(name.name, new_name, sizeof(name.name) - 1);
	if (ioctl(fd, IOCTL_DEV_SET_NAME, &name) != 0)
		return failed("IOCTL_DEV_SET_NAME");
	memset(&name, 0, sizeof(name));
	if (ioctl(fd, IOCTL_DEV_GET_NAME, &name) != 0)
		return failed("IOCTL_DEV_GET_NAME");
	printf("name: %s\n", name.name);
	if (ioctl(fd, _IO(IOCTL_DEV_MAGIC, 99)) != -1 || errno != ENOTTY) {
		fprintf(stderr, "ioctl_test: unknown command did not fail with ENOTTY\n");
		return 1;
	}
	printf("unknown command: %s\n", strerror(errno));
	if (ioctl(fd, IOCTL_DEV_RESET) != 0)
		return failed("IOCTL_DEV_RESET");
	close(fd);
	return 0;
}
