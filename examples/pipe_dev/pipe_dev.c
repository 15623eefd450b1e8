// SPDX-License-Identifier: GPL-2.0
/*
 * pipe_dev: a FIFO character device in the style of LDD3's scullpipe.
 * Readers sleep (wait_event_interruptible) until a writer puts data in the
 * buffer; writers sleep with a hand-written prepare_to_wait()/schedule()/
 * finish_wait() loop until there is room. O_NONBLOCK callers get -EAGAIN
 * instead of sleeping, poll() reports readability and writability, and
 * fasync registrations are kept for SIGIO.
 */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/sched/signal.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#define PIPE_SIZE 64

static char buffer[PIPE_SIZE];
static size_t rp, wp;		/* read and write positions, modulo PIPE_SIZE */
static size_t used;		/* bytes in the buffer */
static DEFINE_MUTEX(lock);
static DECLARE_WAIT_QUEUE_HEAD(inq);	/* readers wait for data */
static DECLARE_WAIT_QUEUE_HEAD(outq);	/* writers wait for room */
static struct fasync_struct *async_queue;

static ssize_t pipe_read(struct file *filp, char __user *buf, size_t count, loff_t *ppos)
{
	size_t chunk;

	if (mutex_lock_interruptible(&lock))
		return -ERESTARTSYS;
	while (used == 0) {
		mutex_unlock(&lock);
		if (filp->f_flags & O_NONBLOCK)
			return -EAGAIN;
		pr_info("pipe_dev: \"%s\" (%d) reading: going to sleep\n", current->comm,
			current->pid);
		if (wait_event_interruptible(inq, used != 0)) {
			pr_info("pipe_dev: \"%s\" (%d) read interrupted\n", current->comm,
				current->pid);
			return -ERESTARTSYS;
		}
		if (mutex_lock_interruptible(&lock))
			return -ERESTARTSYS;
	}
	chunk = min(count, used);
	if (chunk > PIPE_SIZE - rp)
		chunk = PIPE_SIZE - rp;
	if (copy_to_user(buf, buffer + rp, chunk)) {
		mutex_unlock(&lock);
		return -EFAULT;
	}
	rp = (rp + chunk) % PIPE_SIZE;
	used -= chunk;
	mutex_unlock(&lock);
	wake_up_interruptible(&outq);
	pr_info("pipe_dev: \"%s\" (%d) read %zu bytes\n", current->comm, current->pid, chunk);
	return chunk;
}

/* Waits for room with the lock held on entry and on a zero return. */
static int pipe_wait_for_room(struct file *filp)
{
	while (used == PIPE_SIZE) {
		DEFINE_WAIT(wait);

		mutex_unlock(&lock);
		if (filp->f_flags & O_NONBLOCK)
			return -EAGAIN;
		prepare_to_wait(&outq, &wait, TASK_INTERRUPTIBLE);
		if (used == PIPE_SIZE)
			schedule();
		finish_wait(&outq, &wait);
		if (signal_pending(current))
			return -ERESTARTSYS;
		if (mutex_lock_interruptible(&lock))
			return -ERESTARTSYS;
	}
	return 0;
}

static ssize_t pipe_write(struct file *filp, const char __user *buf, size_t count,
			  loff_t *ppos)
{
	size_t chunk;
	int ret;

	if (mutex_lock_interruptible(&lock))
		return -ERESTARTSYS;
	ret = pipe_wait_for_room(filp);
	if (ret)
		return ret;
	chunk = min(count, PIPE_SIZE - used);
	if (chunk > PIPE_SIZE - wp)
		chunk = PIPE_SIZE - wp;
	if (copy_from_user(buffer + wp, buf, chunk)) {
		mutex_unlock(&lock);
		return -EFAULT;
	}
	wp = (wp + chunk) % PIPE_SIZE;
	used += chunk;
	mutex_unlock(&lock);
	wake_up_interruptible(&inq);
	kill_fasync(&async_queue, SIGIO, POLL_IN);
	pr_info("pipe_dev: \"%s\" (%d) wrote %zu bytes\n", current->comm, current->pid, chunk);
	return chunk;
}

static __poll_t pipe_poll(struct file *filp, poll_table *wait)
{
	__poll_t mask = 0;

	mutex_lock(&lock);
	poll_wait(filp, &inq, wait);
	poll_wait(filp, &outq, wait);
	if (used != 0)
		mask |= EPOLLIN | EPOLLRDNORM;
	if (used != PIPE_SIZE)
		mask |= EPOLLOUT | EPOLLWRNORM;
	mutex_unlock(&lock);
	return mask;
}

static int pipe_fasync(int fd, struct file *filp, int mode)
{
	return fasync_helper(fd, filp, mode, &async_queue);
}

static int pipe_release(struct inode *inode, struct file *filp)
{
	pipe_fasync(-1, filp, 0);
	return 0;
}

static const struct file_operations pipe_fops = {
	.owner = THIS_MODULE,
	.read = pipe_read,
	.write = pipe_write,
	.poll = pipe_poll,
	.fasync = pipe_fasync,
	.release = pipe_release,
	.llseek = no_llseek,
};

static struct miscdevice pipe_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "pipe_dev",
	.fops = &pipe_fops,
	.mode = 0666,
};

static int __init pipe_init(void)
{
	int ret = misc_register(&pipe_misc);

	if (ret)
		return ret;
	pr_info("pipe_dev: ready, %d byte buffer\n", PIPE_SIZE);
	return 0;
}

static void __exit pipe_exit(void)
{
	misc_deregister(&pipe_misc);
	pr_info("pipe_dev: removed\n");
}

module_init(pipe_init);
module_exit(pipe_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A blocking FIFO device in the style of LDD3's scullpipe");
