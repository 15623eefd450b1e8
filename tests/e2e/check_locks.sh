#!/bin/bash
# Semaphores, rw-semaphores and lockdep's reports (issue 4, contexts and
# sleeping). A module uses every lock correctly, then a mode parameter
# makes it: release a mutex it does not hold ("bad unlock balance
# detected!"), take a mutex or spinlock twice ("possible recursive locking
# detected", and the task is killed instead of hanging), return to user
# space holding a mutex ("lock held when returning to user space!"). Each is
# a finding (exit 3) and later commands still work.
. "$(dirname "$0")/lib.sh"
out="$KSIM_TEST_TMP/out"
m="$KSIM_TEST_TMP/lockdemo"
mkdir -p "$m"
cat >"$m/lockdemo.c" <<'C'
#include <linux/module.h>
#include <linux/init.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/semaphore.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>

static DEFINE_MUTEX(my_mutex);
static DEFINE_SPINLOCK(my_lock);
static DECLARE_RWSEM(my_rwsem);
static DEFINE_SEMAPHORE(my_sem);
static DEFINE_RWLOCK(my_rwlock);
static atomic_t users = ATOMIC_INIT(2);

/* A bounded buffer: write() waits for a free slot, read() for a message. */
#define SLOTS 4
static struct {
	struct mutex lock;
	struct semaphore items; /* messages waiting */
	struct semaphore slots; /* free slots */
	char buf[SLOTS][16];
	size_t len[SLOTS];
	unsigned int head, tail;
} pipe;

static int mode;
module_param(mode, int, 0444);

static ssize_t pipe_read(struct file *f, char __user *buf, size_t count, loff_t *ppos)
{
	unsigned int slot;
	ssize_t n;

	if (*ppos)
		return 0;
	if (down_trylock(&pipe.items)) {
		pr_info("lockdemo: reader waits\n");
		if (down_interruptible(&pipe.items))
			return -ERESTARTSYS;
	}
	mutex_lock(&pipe.lock);
	slot = pipe.head++ % SLOTS;
	n = min(count, pipe.len[slot]);
	if (copy_to_user(buf, pipe.buf[slot], n))
		n = -EFAULT;
	mutex_unlock(&pipe.lock);
	up(&pipe.slots);
	pr_info("lockdemo: reader got %zd bytes\n", n);
	if (n > 0)
		*ppos += n;
	return n;
}

static ssize_t pipe_write(struct file *f, const char __user *buf, size_t count, loff_t *ppos)
{
	unsigned int slot;

	if (mode == 9) { /* a long write takes my_mutex twice */
		mutex_lock(&my_mutex);
		if (count > 3)
			mutex_lock(&my_mutex);
		mutex_unlock(&my_mutex);
	}
	if (mode == 10) {
		spin_lock(&my_lock);
		if (count > 3)
			spin_lock(&my_lock);
		spin_unlock(&my_lock);
	}
	if (count > sizeof(pipe.buf[0]))
		count = sizeof(pipe.buf[0]);
	if (down_interruptible(&pipe.slots))
		return -ERESTARTSYS;
	mutex_lock(&pipe.lock);
	slot = pipe.tail % SLOTS;
	if (copy_from_user(pipe.buf[slot], buf, count)) {
		mutex_unlock(&pipe.lock);
		up(&pipe.slots);
		return -EFAULT;
	}
	pipe.len[slot] = count;
	pipe.tail++;
	if (mode == 7)
		return count; /* forgets mutex_unlock */
	mutex_unlock(&pipe.lock);
	pr_info("lockdemo: writer put %zu bytes\n", count);
	up(&pipe.items);
	return count;
}

static const struct file_operations pipe_fops = {
	.owner = THIS_MODULE,
	.read = pipe_read,
	.write = pipe_write,
};

static struct miscdevice pipe_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "lockpipe",
	.fops = &pipe_fops,
};

static void use_correctly(void)
{
	unsigned long flags;
	int rtry, wtry, stry, timeout, seen;

	mutex_lock(&my_mutex);
	mutex_unlock(&my_mutex);
	spin_lock_irqsave(&my_lock, flags);
	spin_unlock_irqrestore(&my_lock, flags);
	down_read(&my_rwsem);
	rtry = down_read_trylock(&my_rwsem);
	up_read(&my_rwsem);
	up_read(&my_rwsem);
	down_write(&my_rwsem);
	downgrade_write(&my_rwsem);
	wtry = down_write_trylock(&my_rwsem);
	up_read(&my_rwsem);
	down(&my_sem);
	stry = down_trylock(&my_sem);
	timeout = down_timeout(&my_sem, 2);
	up(&my_sem);
	pr_info("lockdemo: read_trylock=%d write_trylock=%d down_trylock=%d down_timeout=%d locked=%d\n",
		rtry, wtry, stry, timeout, rwsem_is_locked(&my_rwsem));

	/* rwlock_t readers may nest (lockdep's recursive read); the rest too. */
	read_lock_irqsave(&my_rwlock, flags);
	read_lock(&my_rwlock);
	wtry = write_trylock(&my_rwlock);
	read_unlock(&my_rwlock);
	read_unlock_irqrestore(&my_rwlock, flags);
	write_lock_bh(&my_rwlock);
	rtry = read_trylock(&my_rwlock);
	write_unlock_bh(&my_rwlock);
	stry = spin_trylock_irqsave(&my_lock, flags);
	if (stry)
		spin_unlock_irqrestore(&my_lock, flags);
	mutex_lock_nested(&my_mutex, SINGLE_DEPTH_NESTING);
	lockdep_assert_held(&my_mutex);
	mutex_unlock(&my_mutex);
	timeout = atomic_dec_and_mutex_lock(&users, &my_mutex);
	seen = atomic_dec_and_mutex_lock(&users, &my_mutex);
	if (seen)
		mutex_unlock(&my_mutex);
	pr_info("lockdemo: rwlock write_trylock=%d read_trylock=%d spin_trylock_irqsave=%d dec_and_lock=%d,%d irqs=%d\n",
		wtry, rtry, stry, timeout, seen, irqs_disabled());
}

static int __init l_init(void)
{
	mutex_init(&pipe.lock);
	sema_init(&pipe.items, 0);
	sema_init(&pipe.slots, SLOTS);
	use_correctly();
	switch (mode) {
	case 1:
		mutex_unlock(&my_mutex);
		break;
	case 2:
		mutex_lock(&pipe.lock);
		mutex_lock(&pipe.lock);
		pr_info("lockdemo: not reached\n");
		break;
	case 3:
		mutex_lock(&my_mutex);
		down_write(&my_rwsem);
		return misc_register(&pipe_dev);
	case 4:
		spin_lock(&my_lock);
		spin_lock(&my_lock);
		break;
	case 5:
		up_read(&my_rwsem);
		break;
	case 6:
		down_read(&my_rwsem);
		down_read(&my_rwsem);
		break;
	case 8:
		spin_lock(&my_lock);
		down(&my_sem);
		up(&my_sem);
		spin_unlock(&my_lock);
		break;
	}
	return misc_register(&pipe_dev);
}

static void __exit l_exit(void)
{
	if (mode == 3) { /* waits for the mutex init left locked */
		mutex_lock(&my_mutex);
		mutex_unlock(&my_mutex);
	}
	misc_deregister(&pipe_dev);
}

module_init(l_init);
module_exit(l_exit);
MODULE_LICENSE("GPL");
C
echo 'obj-m := lockdemo.o' >"$m/Makefile"

# Correct use: no report; the pipe hands data from a writer to a reader.
rc=$(run_to "$out" "$KSIM" run -t "$m" -c 'insmod lockdemo.ko
echo hello > /dev/lockpipe
cat /dev/lockpipe
rmmod lockdemo')
[ "$rc" = 0 ] || { cat "$out"; fail "correct use: exit $rc"; }
expect_line "$out" 'lockdemo: read_trylock=1 write_trylock=0 down_trylock=1 down_timeout=-62 locked=0'
expect_line "$out" 'lockdemo: rwlock write_trylock=0 read_trylock=0 spin_trylock_irqsave=1 dec_and_lock=0,1 irqs=0'
expect_line "$out" 'lockdemo: writer put 6 bytes'
expect_line "$out" 'lockdemo: reader got 6 bytes'
expect_line "$out" 'hello'
expect_no_text "$out" 'WARNING'
expect_no_text "$out" 'reader waits'

# The .ko needs Linux 6.1's exported names; the inline helpers leave none.
nm -u "$m/lockdemo.ko" | awk '{print $2}' >"$KSIM_TEST_TMP/undef"
for sym in mutex_lock mutex_unlock __mutex_init _raw_spin_lock_irqsave _raw_spin_unlock_irqrestore \
    down down_interruptible down_trylock down_timeout up down_read down_read_trylock up_read \
    down_write down_write_trylock downgrade_write _raw_read_lock_irqsave _raw_read_lock \
    _raw_write_trylock _raw_read_unlock _raw_read_unlock_irqrestore _raw_write_lock_bh \
    _raw_read_trylock _raw_write_unlock_bh _raw_spin_trylock atomic_dec_and_mutex_lock; do
    grep -qx "$sym" "$KSIM_TEST_TMP/undef" || fail "lockdemo.ko does not reference $sym"
done
for sym in sema_init rwsem_is_locked spin_lock spin_lock_irqsave __init_rwsem; do
    ! grep -qx "$sym" "$KSIM_TEST_TMP/undef" || fail "lockdemo.ko references inline $sym"
done

ident='^6\.1\.0-ksim #1 (Not tainted|Tainted: [A-Z ]+)$'
site='l_init\+0x[0-9a-f]+/0x[0-9a-f]+ \[lockdemo\]'
hex='[0-9a-f]{16}'

# (a) A mutex released by a task that does not hold it.
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -c 'insmod lockdemo.ko mode=1
lsmod
rmmod lockdemo')
[ "$rc" = 3 ] || { cat "$out"; fail "bad unlock: exit $rc"; }
expect_line "$out" '====================================='
expect_line "$out" 'WARNING: bad unlock balance detected!'
grep -A1 -x 'WARNING: bad unlock balance detected!' "$out" | tail -1 | grep -qE "$ident" ||
    fail "kernel ident line"
grep -qE '^insmod/[0-9]+ is trying to release lock \(my_mutex\) at:$' "$out" || fail "release line"
grep -qE "^\[<$hex>\] $site$" "$out" || fail "call site of the unlock"
expect_line "$out" 'but there are no more locks to release!'
expect_line "$out" 'other info that might help us debug this:'
grep -qE '^no locks held by insmod/[0-9]+\.$' "$out" || fail "no locks held"
expect_line "$out" 'stack backtrace:'
grep -qE "^ $site$" "$out" || fail "backtrace through l_init"
grep -qE '^lockdemo +[0-9]+ +0$' "$out" || fail "insmod goes on: module live"
grep -qE '^\[[0-9]+\] lockdep: bad unlock balance: insmod/[0-9]+ releases lock \(my_mutex\) it does not hold$' "$out" ||
    fail "finding"
grep -qE "^    where:  $site \(.*/lockdemo\.c:[0-9]+\)$" "$out" || fail "finding's file:line"
unlock_line=$(($(grep -nx '	case 1:' "$m/lockdemo.c" | cut -d: -f1) + 1))
expect_text "$out" "lockdemo.c:$unlock_line)"

# (b) A mutex taken twice: reported, the task killed rather than hung.
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -c 'insmod lockdemo.ko mode=2
lsmod
cat /proc/sys/kernel/tainted')
[ "$rc" = 3 ] || { cat "$out"; fail "recursive mutex: exit $rc"; }
expect_line "$out" '============================================'
expect_line "$out" 'WARNING: possible recursive locking detected'
grep -qE '^insmod/[0-9]+ is trying to acquire lock:$' "$out" || fail "acquire line"
[ "$(grep -cE "^$hex \(&pipe\.lock\)\{\+\.\+\.\}-\{3:3\}, at: $site$" "$out")" = 2 ] ||
    fail "both acquisitions of &pipe.lock"
expect_line "$out" 'but task is already holding lock:'
expect_line "$out" ' Possible unsafe locking scenario:'
expect_line "$out" '       CPU0'
expect_line "$out" '       ----'
[ "$(grep -cx '  lock(&pipe.lock);' "$out")" = 2 ] || fail "scenario"
expect_line "$out" ' *** DEADLOCK ***'
expect_line "$out" ' May be due to missing lock nesting notation'
grep -qE '^1 lock held by insmod/[0-9]+:$' "$out" || fail "held lock count"
grep -qE "^ #0: $hex \(&pipe\.lock\)\{\+\.\+\.\}-\{3:3\}, at: $site$" "$out" || fail "held lock"
expect_line "$out" 'Killed'
expect_no_text "$out" 'not reached'
grep -qE '^lockdemo +[0-9]+ +-?1' "$out" || fail "lsmod after the killed insmod"
expect_line "$out" '12288' # O and E: lockdep itself does not taint
expect_text "$out" 'lockdep: possible recursive locking detected: insmod/'
expect_text "$out" 'takes lock (&pipe.lock) it already holds; the task would hang forever, ksim killed it'
grep -qE "^ +first taken at $site \(.*/lockdemo\.c:[0-9]+\)$" "$out" || fail "first acquisition in the finding"

# A spinlock taken twice: the same report, with a spinning lock's types.
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -c 'insmod lockdemo.ko mode=4
lsmod')
[ "$rc" = 3 ] || { cat "$out"; fail "recursive spinlock: exit $rc"; }
expect_line "$out" 'WARNING: possible recursive locking detected'
[ "$(grep -cE "^$hex \(my_lock\)\{\+\.\+\.\}-\{2:2\}, at: $site$" "$out")" = 2 ] ||
    fail "both acquisitions of my_lock"
expect_line "$out" 'Killed'
grep -qE '^lockdemo ' "$out" || fail "lsmod after the killed insmod"
expect_no_text "$out" 'lock-held:'

# rw-semaphores: a read hold taken again, and an up_read() of nothing.
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -- mode=6)
[ "$rc" = 3 ] || { cat "$out"; fail "recursive down_read: exit $rc"; }
[ "$(grep -cE "^$hex \(my_rwsem\)\{\.\+\.\+\}-\{3:3\}, at: $site$" "$out")" = 2 ] ||
    fail "down_read twice"
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -- mode=5)
[ "$rc" = 3 ] || { cat "$out"; fail "up_read without down_read: exit $rc"; }
grep -qE '^insmod/[0-9]+ is trying to release lock \(my_rwsem\) at:$' "$out" || fail "up_read imbalance"

# down() may sleep: under a spinlock it is reported like mutex_lock().
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -- mode=8)
[ "$rc" = 3 ] || { cat "$out"; fail "down() under a spinlock: exit $rc"; }
grep -qE '^BUG: sleeping function called from invalid context at kernel/locking/semaphore\.c:[0-9]+$' "$out" ||
    fail "down() in atomic context"
expect_no_text "$out" 'WARNING: bad unlock'

# (c) init returns with a mutex and an rwsem held.
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -c 'insmod lockdemo.ko mode=3
lsmod
rmmod lockdemo
lsmod')
[ "$rc" = 3 ] || { cat "$out"; fail "held at return: exit $rc"; }
expect_line "$out" '================================================'
expect_line "$out" 'WARNING: lock held when returning to user space!'
grep -qE '^insmod/[0-9]+ is leaving the kernel with locks still held!$' "$out" || fail "leaving line"
grep -qE '^2 locks held by insmod/[0-9]+:$' "$out" || fail "two locks"
grep -qE "^ #0: $hex \(my_mutex\)\{\+\.\+\.\}-\{3:3\}, at: $site$" "$out" || fail "#0 my_mutex"
grep -qE "^ #1: $hex \(my_rwsem\)\{\+\.\+\.\}-\{3:3\}, at: $site$" "$out" || fail "#1 my_rwsem"
expect_text "$out" 'lockdep: lock held when returning to user space: insmod/'
expect_text "$out" 'still holds (my_mutex), (my_rwsem)'
grep -qE '^lockdemo +[0-9]+ +0$' "$out" || fail "module live after the report"
# insmod has exited holding my_mutex: rmmod's exit would wait forever.
grep -qE '^INFO: task rmmod:[0-9]+ blocked for more than 120 seconds\.$' "$out" || fail "rmmod hung"
grep -qE '^ l_exit\+0x[0-9a-f]+/0x[0-9a-f]+ \[lockdemo\]$' "$out" || fail "hung in l_exit"
grep -qE '^\[[0-9]+\] deadlock: rmmod/[0-9]+ would wait forever for lock \(my_mutex\) held by insmod/[0-9]+, which exited holding it; ksim killed it$' "$out" ||
    fail "deadlock finding for rmmod"
expect_line "$out" 'Killed'

# A file operation returning with its mutex held: reported for the task
# that wrote, once.
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -c 'insmod lockdemo.ko mode=7
echo hi > /dev/lockpipe
lsmod')
[ "$rc" = 3 ] || { cat "$out"; fail "write returns holding the mutex: exit $rc"; }
grep -qE '^sh/[0-9]+ is leaving the kernel with locks still held!$' "$out" || fail "the shell (echo is a builtin) leaves with the lock"
grep -qE "^ #0: $hex \(&pipe\.lock\)\{\+\.\+\.\}-\{3:3\}, at: pipe_write\+0x[0-9a-f]+/0x[0-9a-f]+ \[lockdemo\]$" "$out" ||
    fail "the write's mutex"
[ "$(grep -c 'WARNING: lock held when returning to user space!' "$out")" = 1 ] || fail "reported once"

# A task killed holding a lock (the recursive mutex_lock above) keeps it
# forever; the next task to want it would hang. Linux's hung task
# detector reports that after 120 s; ksim reports it at once and ends the
# waiter too, so the script goes on.
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -c 'insmod lockdemo.ko mode=9
echo long > /dev/lockpipe
echo hi > /dev/lockpipe
lsmod')
[ "$rc" = 3 ] || { cat "$out"; fail "waiting for a dead task's mutex: exit $rc"; }
expect_line "$out" 'WARNING: possible recursive locking detected'
grep -qE '^INFO: task sh:[0-9]+ blocked for more than 120 seconds\.$' "$out" || fail "hung task"
grep -qE '^      Tainted: [A-Z ]+ 6\.1\.0-ksim #1$' "$out" || fail "hung task taint line"
expect_line "$out" '"echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.'
grep -qE '^task:sh +state:D stack:0 +pid:[0-9]+ +ppid:1 +flags:0x00004000$' "$out" || fail "task line"
grep -qE '^ pipe_write\+0x[0-9a-f]+/0x[0-9a-f]+ \[lockdemo\]$' "$out" || fail "hung task trace"
[ "$(grep -c '^Killed$' "$out")" = 2 ] || fail "both writers killed"
grep -qE '^lockdemo +[0-9]+ +0$' "$out" || fail "lsmod after both"
grep -qE '^\[[0-9]+\] deadlock: sh/[0-9]+ would wait forever for lock \(my_mutex\) held by sh/[0-9]+, which died; ksim killed it$' "$out" ||
    fail "deadlock finding"
# The same with a spinlock: a soft lockup, taint L.
rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" -c 'insmod lockdemo.ko mode=10
echo long > /dev/lockpipe
echo hi > /dev/lockpipe
cat /proc/sys/kernel/tainted')
[ "$rc" = 3 ] || { cat "$out"; fail "spinning on a dead task's spinlock: exit $rc"; }
grep -qE '^watchdog: BUG: soft lockup - CPU#0 stuck for 22s! \[sh:[0-9]+\]$' "$out" || fail "soft lockup"
expect_line "$out" '28672' # L, O and E
[ "$(grep -c '^Killed$' "$out")" = 2 ] || fail "both writers killed (spinlock)"

# Real concurrency: host programs on the FUSE mount run in several kernel
# tasks at once. Two readers block in down_interruptible() until two
# writers up() the semaphore; each reader gets one message.
if [ -e /dev/fuse ] && command -v fusermount3 >/dev/null; then
    got="$KSIM_TEST_TMP/got"
    rc=$(run_to "$out" "$KSIM" run -t --no-build "$m" --exec "
        cat \$KSIM_ROOT/dev/lockpipe >$got.1 & cat \$KSIM_ROOT/dev/lockpipe >$got.2 &
        sleep 0.5; echo one >\$KSIM_ROOT/dev/lockpipe; echo two >\$KSIM_ROOT/dev/lockpipe; wait
        sleep 0.3 # FUSE delivers the readers' release() after close() returns")
    [ "$rc" = 0 ] || { cat "$out"; fail "threaded pipe: exit $rc"; }
    [ "$(grep -c 'lockdemo: reader waits' "$out")" = 2 ] || { cat "$out"; fail "both readers blocked"; }
    [ "$(grep -c 'lockdemo: reader got 4 bytes' "$out")" = 2 ] || fail "both readers woke"
    [ "$(sort "$got.1" "$got.2" | tr '\n' ' ')" = "one two " ] || fail "each reader one message"
    first_wait=$(grep -n 'reader waits' "$out" | head -1 | cut -d: -f1)
    first_put=$(grep -n 'writer put' "$out" | head -1 | cut -d: -f1)
    [ "$first_wait" -lt "$first_put" ] || fail "readers waited before the first write"
else
    echo "check_locks: no FUSE, threaded part skipped"
fi
echo "check_locks: ok"
