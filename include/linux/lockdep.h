/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: the lockdep annotations modules write (include/linux/lockdep.h).
 * Debian's 6.1 has no CONFIG_LOCKDEP, so, as there, they compile to
 * nothing and reference no symbol. ksim's own lock checks (recursive
 * locking, bad unlock balance, locks held at return to user space) run in
 * the exported lock functions instead and need no annotation.
 */
#ifndef __LINUX_LOCKDEP_H
#define __LINUX_LOCKDEP_H

struct lock_class_key {
};

struct lockdep_map {
};

#define lockdep_set_class(lock, key) ((void)(key))
#define lockdep_set_class_and_name(lock, key, name) ((void)(key), (void)(name))
#define lockdep_set_class_and_subclass(lock, key, sub) ((void)(key))
#define lockdep_set_subclass(lock, sub) do { } while (0)
#define lockdep_set_novalidate_class(lock) do { } while (0)
#define lockdep_register_key(key) do { } while (0)
#define lockdep_unregister_key(key) do { } while (0)

#define lockdep_assert_held(l) do { (void)(l); } while (0)
#define lockdep_assert_not_held(l) do { (void)(l); } while (0)
#define lockdep_assert_held_write(l) do { (void)(l); } while (0)
#define lockdep_assert_held_read(l) do { (void)(l); } while (0)
#define lockdep_assert_held_once(l) do { (void)(l); } while (0)
#define lockdep_assert_none_held_once() do { } while (0)
#define lockdep_assert_irqs_enabled() do { } while (0)
#define lockdep_assert_irqs_disabled() do { } while (0)
#define lockdep_assert_in_irq() do { } while (0)
#define lockdep_assert_preemption_enabled() do { } while (0)
#define lockdep_assert_preemption_disabled() do { } while (0)
#define lockdep_off() do { } while (0)
#define lockdep_on() do { } while (0)
#define might_lock(lock) do { } while (0)
#define might_lock_read(lock) do { } while (0)
#define might_lock_nested(lock, subclass) do { } while (0)
#define lockdep_is_held(lock) ((void)(lock), 1)

#define SINGLE_DEPTH_NESTING 1

#endif /* __LINUX_LOCKDEP_H */
