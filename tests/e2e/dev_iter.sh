#!/bin/bash
# read_iter/write_iter and fasync (issue 5): a driver with only
# ->read_iter/->write_iter is read and written through a kiocb (ki_pos,
# ki_flags) and an iov_iter (iov_iter_count, copy_to_iter, copy_from_iter);
# fasync_helper() keeps Linux's list and FASYNC flag and kill_fasync()
# walks it (ksim cannot deliver SIGIO to a host process).
. "$(dirname "$0")/lib.sh"
m="$KSIM_TEST_TMP/iter"
mkdir -p "$m"
cat >"$m/iter.c" <<'SRC'
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/uio.h>

static char store[64] = "iterated text\n";
static size_t len = 14;
static struct fasync_struct *queue;

static ssize_t iter_read(struct kiocb *iocb, struct iov_iter *to)
{
	size_t n;

	if (iocb->ki_pos >= len)
		return 0;
	n = min(iov_iter_count(to), len - (size_t)iocb->ki_pos);
	n = copy_to_iter(store + iocb->ki_pos, n, to);
	iocb->ki_pos += n;
	pr_info("iter: read %zu at %lld, %zu left in the iterator\n", n, iocb->ki_pos - n,
		iov_iter_count(to));
	return n;
}

static ssize_t iter_write(struct kiocb *iocb, struct iov_iter *from)
{
	size_t n = min(iov_iter_count(from), sizeof(store));

	if (!copy_from_iter_full(store, n, from))
		return -EFAULT;
	len = n;
	pr_info("iter: wrote %zu, write flag %d, append %d\n", n, !!(iocb->ki_flags & IOCB_WRITE),
		!!(iocb->ki_flags & IOCB_APPEND));
	kill_fasync(&queue, SIGIO, POLL_IN);
	return n;
}

static int iter_open(struct inode *inode, struct file *filp)
{
	int added = fasync_helper(3, filp, 1, &queue);
	int again = fasync_helper(4, filp, 1, &queue);

	pr_info("iter: fasync add %d again %d fd %d FASYNC %d\n", added, again, queue->fa_fd,
		!!(filp->f_flags & FASYNC));
	return 0;
}

static int iter_release(struct inode *inode, struct file *filp)
{
	int removed = fasync_helper(-1, filp, 0, &queue);

	pr_info("iter: fasync remove %d empty %d FASYNC %d\n", removed, queue == NULL,
		!!(filp->f_flags & FASYNC));
	return 0;
}

static const struct file_operations fops = {
	.owner = THIS_MODULE,
	.open = iter_open,
	.release = iter_release,
	.read_iter = iter_read,
	.write_iter = iter_write,
};

static struct miscdevice misc = { .minor = MISC_DYNAMIC_MINOR, .name = "iter", .fops = &fops };

static int __init iter_init(void)
{
	return misc_register(&misc);
}

static void __exit iter_exit(void)
{
	misc_deregister(&misc);
}

module_init(iter_init);
module_exit(iter_exit);
MODULE_LICENSE("GPL");
SRC
echo 'obj-m += iter.o' >"$m/Makefile"
"$KSIM" make "$m" >"$KSIM_TEST_TMP/build.out" 2>&1 || { cat "$KSIM_TEST_TMP/build.out"; fail "build"; }
out="$KSIM_TEST_TMP/run.out"
rc=$(run_to "$out" "$KSIM" run -t "$m" -c 'insmod iter.ko; cat /dev/iter; head -c 4 /dev/iter; echo; echo replaced >> /dev/iter; cat /dev/iter')
[ "$rc" = 0 ] || { cat "$out"; fail "exit $rc"; }
expect_line "$out" 'iterated text'
expect_line "$out" 'iter: read 14 at 0, 4082 left in the iterator'
expect_line "$out" 'iter: read 4 at 0, 0 left in the iterator'
expect_line "$out" 'iter$ echo' # head -c 4 printed no newline
expect_line "$out" 'iter: wrote 9, write flag 1, append 1'
expect_line "$out" 'replaced'
expect_line "$out" 'iter: fasync add 1 again 0 fd 4 FASYNC 1'
expect_line "$out" 'iter: fasync remove 1 empty 1 FASYNC 0'
expect_no_text "$out" 'kill_fasync: bad magic'
echo "dev_iter: ok"
