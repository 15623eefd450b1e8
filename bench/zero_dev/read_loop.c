// SPDX-License-Identifier: GPL-2.0
/*
 * read_loop PATH SIZE SECONDS: read() calls of SIZE bytes per second on
 * PATH, printed as "<calls/s>". An ordinary program: under ksim it opens
 * /dev/zero_dev through the FUSE mount; on the host it opens /dev/zero.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	static char buf[1 << 16];
	size_t size;
	double seconds, start, elapsed;
	unsigned long calls = 0;
	int fd;

	if (argc != 4) {
		fprintf(stderr, "usage: read_loop PATH SIZE SECONDS\n");
		return 2;
	}
	size = strtoul(argv[2], NULL, 0);
	seconds = atof(argv[3]);
	if (size == 0 || size > sizeof(buf)) {
		fprintf(stderr, "read_loop: SIZE must be 1..%zu\n", sizeof(buf));
		return 2;
	}
	fd = open(argv[1], O_RDONLY);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	start = now();
	do {
		for (int i = 0; i < 64; i++) {
			if (read(fd, buf, size) != (ssize_t)size) {
				perror("read");
				return 1;
			}
		}
		calls += 64;
		elapsed = now() - start;
	} while (elapsed < seconds);
	printf("%.0f\n", calls / elapsed);
	close(fd);
	return 0;
}
