/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: tasks as modules see them: struct task_struct (pid, tgid, comm;
 * defined in ksim/abi.h), `current`, task states and the scheduler calls
 * that put the current task to sleep or wake another.
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <ksim/abi.h>
#include <asm/current.h>
#include <linux/kernel.h>
#include <linux/types.h>


/* Task states (task_struct::__state), Linux 6.1 values. */
#define TASK_RUNNING 0x00000000
#define TASK_INTERRUPTIBLE 0x00000001
#define TASK_UNINTERRUPTIBLE 0x00000002
#define __TASK_STOPPED 0x00000004
#define __TASK_TRACED 0x00000008
#define EXIT_DEAD 0x00000010
#define EXIT_ZOMBIE 0x00000020
#define EXIT_TRACE (EXIT_ZOMBIE | EXIT_DEAD)
#define TASK_PARKED 0x00000040
#define TASK_DEAD 0x00000080
#define TASK_WAKEKILL 0x00000100
#define TASK_WAKING 0x00000200
#define TASK_NOLOAD 0x00000400
#define TASK_NEW 0x00000800
#define TASK_RTLOCK_WAIT 0x00001000
#define TASK_FREEZABLE 0x00002000
#define TASK_STATE_MAX 0x00004000

#define TASK_KILLABLE (TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define TASK_STOPPED (TASK_WAKEKILL | __TASK_STOPPED)
#define TASK_TRACED __TASK_TRACED
#define TASK_IDLE (TASK_UNINTERRUPTIBLE | TASK_NOLOAD)
#define TASK_NORMAL (TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

#define task_is_running(task) (READ_ONCE((task)->__state) == TASK_RUNNING)

/*
 * Sets the current task's state before it checks its wake-up condition
 * and calls schedule(). The full barrier orders the store before that
 * check, so a concurrent wake-up is not lost.
 */
#define __set_current_state(state_value) WRITE_ONCE(current->__state, (state_value))
#define set_current_state(state_value)                                         \
	do {                                                                   \
		WRITE_ONCE(current->__state, (state_value));                   \
		__atomic_thread_fence(__ATOMIC_SEQ_CST);                       \
	} while (0)

#define MAX_SCHEDULE_TIMEOUT LONG_MAX

/* Exported by ksim (kernel/sched/core.c, kernel/time/timer.c). */
asmlinkage void schedule(void);
extern long schedule_timeout(long timeout);
extern long schedule_timeout_interruptible(long timeout);
extern long schedule_timeout_killable(long timeout);
extern long schedule_timeout_uninterruptible(long timeout);
extern long schedule_timeout_idle(long timeout);
extern void io_schedule(void);
extern void yield(void);
extern int wake_up_process(struct task_struct *tsk);
extern int wake_up_state(struct task_struct *tsk, unsigned int state);
extern int __cond_resched(void);

/*
 * Whether the scheduler wants the CPU back (Linux reads a thread flag
 * inline; ksim answers from its own task record).
 */
extern bool need_resched(void);
extern void set_user_nice(struct task_struct *p, long nice);
extern int task_nice(const struct task_struct *p);

/* Gives other tasks a chance to run in a long loop; may sleep. */
#define cond_resched() __cond_resched()

extern char *__get_task_comm(char *to, size_t len, struct task_struct *tsk);
#define get_task_comm(buf, tsk)                                                \
	({                                                                     \
		BUILD_BUG_ON(sizeof(buf) != TASK_COMM_LEN);                    \
		__get_task_comm(buf, sizeof(buf), tsk);                        \
	})

static inline pid_t task_pid_nr(struct task_struct *tsk)
{
	return tsk->pid;
}

static inline pid_t task_tgid_nr(struct task_struct *tsk)
{
	return tsk->tgid;
}

/* ksim has one PID namespace, so the "virtual" numbers are the same. */
static inline pid_t task_pid_vnr(struct task_struct *tsk)
{
	return tsk->pid;
}

static inline pid_t task_tgid_vnr(struct task_struct *tsk)
{
	return tsk->tgid;
}


/*
 * Linux's sched.h also brings in mutexes, timers and RCU. Here those come
 * with <linux/module.h> (ksim/module_includes.h) instead, so that the
 * concurrency headers may include this one without an include cycle.
 */
#endif /* _LINUX_SCHED_H */
