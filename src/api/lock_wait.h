#pragma once
// Sleeping on a lock word until another task changes it: a futex wait on
// the word's low 32 bits (where a pid, a count or -1 lives on x86-64), with
// a timeout so that the waiter can look again (a dead owner, a deadline).
#include <chrono>
#include <cstdint>

namespace ksim {

// Returns when the word may no longer hold `seen` or after `timeout`.
void lock_word_wait(const volatile void* word, uint32_t seen, std::chrono::milliseconds timeout);
// Wakes every task sleeping on the word.
void lock_word_wake(const volatile void* word);

} // namespace ksim
