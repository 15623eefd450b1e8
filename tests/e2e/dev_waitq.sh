#!/bin/bash
# Wait queues and completions (issue 5): wait_event*_timeout and completion
# timeouts in a script, might_sleep() in wait_event under a spinlock, and
# through the FUSE mount a host `cat` that blocks in examples/pipe_dev's
# wait_event_interruptible() until another host process writes, a read
# that a signal interrupts (-ERESTARTSYS), O_NONBLOCK's -EAGAIN, and a
# completion that a write completes for a sleeping read.
. "$(dirname "$0")/lib.sh"

# --- In the script shell: timeouts and the sleep check -----------------
m="$KSIM_TEST_TMP/gate"
mkdir -p "$m"
cat >"$m/gate.c" <<'SRC'
#include <linux/module.h>
#include <linux/completion.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

static DECLARE_COMPLETION(setup_done);
static struct completion data_ready;
static DECLARE_WAIT_QUEUE_HEAD(wq);
static int flag;
static DEFINE_SPINLOCK(lock);
static bool atomic_wait;
module_param(atomic_wait, bool, 0444);

static int gate_open(struct inode *inode, struct file *filp)
{
	wait_for_completion(&setup_done);
	return 0;
}

static ssize_t gate_read(struct file *filp, char __user *buf, size_t count, loff_t *ppos)
{
	static const char msg[] = "gate open\n";
	int ret;

	if (*ppos > 0)
		return 0;
	ret = wait_for_completion_interruptible(&data_ready);
	if (ret) {
		pr_info("gate: read interrupted: %d\n", ret);
		return ret;
	}
	if (copy_to_user(buf, msg, sizeof(msg) - 1))
		return -EFAULT;
	*ppos = sizeof(msg) - 1;
	return sizeof(msg) - 1;
}

static ssize_t gate_write(struct file *filp, const char __user *buf, size_t count,
			  loff_t *ppos)
{
	complete(&data_ready);
	return count;
}

static const struct file_operations gate_fops = {
	.owner = THIS_MODULE,
	.open = gate_open,
	.read = gate_read,
	.write = gate_write,
};

static struct miscdevice gate_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "gate",
	.fops = &gate_fops,
	.mode = 0666,
};

static int __init gate_init(void)
{
	long left;
	unsigned long t;
	bool first, second;

	if (atomic_wait) {
		flag = 1;
		spin_lock(&lock);
		wait_event(wq, flag);
		spin_unlock(&lock);
		return 0;
	}
	init_completion(&data_ready);
	left = wait_event_interruptible_timeout(wq, flag != 0, HZ / 50);
	pr_info("gate: wait_event timed out: %ld\n", left);
	flag = 1;
	left = wait_event_timeout(wq, flag != 0, HZ);
	pr_info("gate: condition already true: %d\n", left > 0);
	t = wait_for_completion_timeout(&data_ready, HZ / 50);
	pr_info("gate: completion timed out: %lu, done: %d\n", t, completion_done(&data_ready));
	complete(&data_ready);
	first = try_wait_for_completion(&data_ready);
	second = try_wait_for_completion(&data_ready);
	pr_info("gate: try_wait: %d then %d\n", first, second);
	complete_all(&setup_done);
	return misc_register(&gate_misc);
}

static void __exit gate_exit(void)
{
	if (!atomic_wait)
		misc_deregister(&gate_misc);
}

module_init(gate_init);
module_exit(gate_exit);
MODULE_LICENSE("GPL");
SRC
echo 'obj-m += gate.o' >"$m/Makefile"
"$KSIM" make "$m" >"$KSIM_TEST_TMP/build.out" 2>&1 || { cat "$KSIM_TEST_TMP/build.out"; fail "build gate"; }
rc=$(run_to "$KSIM_TEST_TMP/gate.out" "$KSIM" run -t "$m" -c 'insmod gate.ko; echo x > /dev/gate; cat /dev/gate; rmmod gate')
[ "$rc" = 0 ] || { cat "$KSIM_TEST_TMP/gate.out"; fail "gate run exited $rc"; }
expect_line "$KSIM_TEST_TMP/gate.out" 'gate: wait_event timed out: 0'
expect_line "$KSIM_TEST_TMP/gate.out" 'gate: condition already true: 1'
expect_line "$KSIM_TEST_TMP/gate.out" 'gate: completion timed out: 0, done: 0'
expect_line "$KSIM_TEST_TMP/gate.out" 'gate: try_wait: 1 then 0'
expect_line "$KSIM_TEST_TMP/gate.out" 'gate open'

# Under the virtual clock a timeout passes at once and advances time by it
# (HZ / 50 = 5 jiffies = 20 ms).
rc=$(run_to "$KSIM_TEST_TMP/virtual.out" "$KSIM" run --virtual-clock "$m" -c 'insmod gate.ko')
[ "$rc" = 0 ] || { cat "$KSIM_TEST_TMP/virtual.out"; fail "virtual clock run exited $rc"; }
expect_line "$KSIM_TEST_TMP/virtual.out" '[    0.020003] gate: wait_event timed out: 0'
expect_line "$KSIM_TEST_TMP/virtual.out" '[    0.040005] gate: completion timed out: 0, done: 0'

rc=$(run_to "$KSIM_TEST_TMP/atomic.out" "$KSIM" run -t "$m" -- atomic_wait=1)
[ "$rc" = 3 ] || { cat "$KSIM_TEST_TMP/atomic.out"; fail "wait_event under a spinlock: exit $rc, not 3"; }
expect_text "$KSIM_TEST_TMP/atomic.out" 'BUG: sleeping function called from invalid context at '
expect_text "$KSIM_TEST_TMP/atomic.out" 'gate.c:'

# --- Through FUSE: real blocking between host processes ---------------
if [ ! -e /dev/fuse ] || ! command -v fusermount3 >/dev/null; then
    echo "SKIP: no /dev/fuse or fusermount3"
    exit 77
fi
export XDG_RUNTIME_DIR="$KSIM_TEST_TMP/run" KSIM_KERNEL="waitq-$$"
mnt="$KSIM_TEST_TMP/mnt"
mkdir -p "$XDG_RUNTIME_DIR" "$mnt"
d=$(copy_example pipe_dev)
"$KSIM" make "$d" >/dev/null 2>&1 || fail "build pipe_dev"
"$KSIM" boot --mount "$mnt" >/dev/null || fail "boot --mount"
trap '"$KSIM" halt >/dev/null 2>&1 || true; fusermount3 -u "$mnt" 2>/dev/null || true' EXIT
"$KSIM" insmod "$d/pipe_dev.ko" || fail "insmod pipe_dev"
dev="$mnt/dev/pipe_dev"

# A reader blocks until a writer comes.
out="$KSIM_TEST_TMP/reader.out"
timeout 10 head -c 6 "$dev" >"$out" &
reader=$!
sleep 0.5
kill -0 "$reader" 2>/dev/null || fail "reader did not block on an empty pipe"
[ ! -s "$out" ] || fail "reader got data before any write"
echo "wake!" >"$dev" || fail "writer"
wait "$reader" || fail "reader exited with $?"
[ "$(cat "$out")" = "wake!" ] || fail "reader got '$(cat "$out")'"
"$KSIM" dmesg >"$KSIM_TEST_TMP/dmesg1.out"
expect_text "$KSIM_TEST_TMP/dmesg1.out" 'pipe_dev: "head" ('
expect_text "$KSIM_TEST_TMP/dmesg1.out" ') reading: going to sleep'
expect_text "$KSIM_TEST_TMP/dmesg1.out" 'wrote 6 bytes'
expect_text "$KSIM_TEST_TMP/dmesg1.out" 'read 6 bytes'

# A signal interrupts the sleep: the read returns and the module saw
# -ERESTARTSYS (signal_pending) instead of hanging in the host kernel.
start=$(date +%s%N)
rc=0
timeout -s INT 1 cat "$dev" >/dev/null 2>&1 || rc=$?
elapsed=$((($(date +%s%N) - start) / 1000000))
[ "$rc" = 124 ] || fail "interrupted cat exited $rc, not 124"
[ "$elapsed" -lt 5000 ] || fail "interrupted read took ${elapsed} ms"
"$KSIM" dmesg >"$KSIM_TEST_TMP/dmesg2.out"
expect_text "$KSIM_TEST_TMP/dmesg2.out" 'pipe_dev: "cat" ('
expect_text "$KSIM_TEST_TMP/dmesg2.out" ') read interrupted'

# O_NONBLOCK: -EAGAIN instead of sleeping.
rc=0
dd if="$dev" of=/dev/null bs=8 count=1 iflag=nonblock 2>"$KSIM_TEST_TMP/dd.err" || rc=$?
[ "$rc" != 0 ] || fail "nonblocking read of an empty pipe succeeded"
expect_text "$KSIM_TEST_TMP/dd.err" 'Resource temporarily unavailable'

# A full pipe blocks a writer until a reader makes room (prepare_to_wait).
head -c 64 /dev/zero | tr '\0' a >"$dev" || fail "fill the pipe"
timeout 10 sh -c "printf b >'$dev'" &
writer=$!
sleep 0.5
kill -0 "$writer" 2>/dev/null || fail "writer did not block on a full pipe"
timeout 10 head -c 10 "$dev" >/dev/null
wait "$writer" || fail "blocked writer exited with $?"
[ "$(timeout 10 head -c 55 "$dev" | wc -c)" = 55 ] || fail "drain"

# The completion: a read sleeps in wait_for_completion_interruptible()
# until another process's write calls complete().
"$KSIM" insmod "$m/gate.ko" || fail "insmod gate"
out="$KSIM_TEST_TMP/gate_reader.out"
timeout 10 cat "$mnt/dev/gate" >"$out" &
reader=$!
sleep 0.5
kill -0 "$reader" 2>/dev/null || fail "gate reader did not block"
echo go >"$mnt/dev/gate" || fail "gate write"
wait "$reader" || fail "gate reader exited with $?"
[ "$(cat "$out")" = "gate open" ] || fail "gate reader got '$(cat "$out")'"

# Halting with a reader asleep in the module ends its read.
timeout 10 cat "$dev" >/dev/null 2>&1 &
reader=$!
sleep 0.3
"$KSIM" halt || fail "halt with a sleeping reader"
trap - EXIT
rc=0
wait "$reader" || rc=$?
[ "$rc" != 124 ] || fail "reader still asleep after halt"
echo "dev_waitq: ok"
