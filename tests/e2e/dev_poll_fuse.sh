#!/bin/bash
# Blocking poll through FUSE (issue 5): a host C program's poll() and
# select() on examples/pipe_dev sleep until another process writes; the
# driver's wake_up_interruptible() on the queue it poll_wait()ed on sends
# fuse_notify_poll(), and the program wakes long before its timeout.
. "$(dirname "$0")/lib.sh"
if [ ! -e /dev/fuse ] || ! command -v fusermount3 >/dev/null || ! command -v cc >/dev/null; then
    echo "SKIP: no /dev/fuse, fusermount3 or cc"
    exit 77
fi
cat >"$KSIM_TEST_TMP/waiter.c" <<'SRC'
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

static long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

int main(int argc, char **argv)
{
	int fd = open(argv[1], O_RDWR | O_NONBLOCK);
	char buf[64];
	long start;
	ssize_t n;

	if (fd < 0) {
		perror("open");
		return 2;
	}
	struct pollfd p = { .fd = fd, .events = POLLIN | POLLOUT };
	poll(&p, 1, 0);
	printf("ready: in=%d out=%d\n", !!(p.revents & POLLIN), !!(p.revents & POLLOUT));
	fflush(stdout);
	if (strcmp(argv[2], "poll") == 0) {
		p.events = POLLIN;
		start = now_ms();
		int r = poll(&p, 1, 20000);
		printf("poll: %d in=%d after_write=%d\n", r, !!(p.revents & POLLIN),
		       now_ms() - start >= 400);
	} else {
		fd_set rd;
		struct timeval tv = { .tv_sec = 20 };
		FD_ZERO(&rd);
		FD_SET(fd, &rd);
		start = now_ms();
		int r = select(fd + 1, &rd, NULL, NULL, &tv);
		printf("select: %d readable=%d after_write=%d\n", r, FD_ISSET(fd, &rd),
		       now_ms() - start >= 400);
	}
	printf("waited_under_10s=%d\n", now_ms() - start < 10000);
	n = read(fd, buf, sizeof buf);
	printf("read: %.*s\n", (int)(n > 0 ? n : 0), buf);
	return 0;
}
SRC
cc -o "$KSIM_TEST_TMP/waiter" "$KSIM_TEST_TMP/waiter.c" || fail "cc waiter.c"
export XDG_RUNTIME_DIR="$KSIM_TEST_TMP/run" KSIM_KERNEL="poll-$$"
mnt="$KSIM_TEST_TMP/mnt"
mkdir -p "$XDG_RUNTIME_DIR" "$mnt"
d=$(copy_example pipe_dev)
"$KSIM" make "$d" >/dev/null 2>&1 || fail "build pipe_dev"
"$KSIM" boot --mount "$mnt" >/dev/null || fail "boot --mount"
trap '"$KSIM" halt >/dev/null 2>&1 || true; fusermount3 -u "$mnt" 2>/dev/null || true' EXIT
"$KSIM" insmod "$d/pipe_dev.ko" || fail "insmod"
dev="$mnt/dev/pipe_dev"

for how in poll select; do
    out="$KSIM_TEST_TMP/$how.out"
    timeout 30 "$KSIM_TEST_TMP/waiter" "$dev" "$how" >"$out" 2>&1 &
    pid=$!
    sleep 0.6
    kill -0 "$pid" 2>/dev/null || { cat "$out"; fail "$how returned on an empty pipe"; }
    printf "by-$how" >"$dev" || fail "write"
    wait "$pid" || { cat "$out"; fail "waiter ($how) exited with $?"; }
    expect_line "$out" 'ready: in=0 out=1'
    if [ "$how" = poll ]; then
        expect_line "$out" 'poll: 1 in=1 after_write=1'
    else
        expect_line "$out" 'select: 1 readable=1 after_write=1'
    fi
    expect_line "$out" 'waited_under_10s=1'
    expect_line "$out" "read: by-$how"
done
"$KSIM" rmmod pipe_dev || fail "rmmod"
"$KSIM" halt || fail "halt"
trap - EXIT
echo "dev_poll_fuse: ok"
