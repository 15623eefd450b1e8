#pragma once
// The lock operation an exported lock function is performing, for the
// lockdep checks (check/lockdep_report.h): the lock, its name, and where
// the module called from. A macro because the call site and frame must be
// those of the exported function itself.
#include "check/lockdep_report.h"

#include <cstdint>

#define KSIM_LOCK_CALL(instance, lock_name, kind, read)                                            \
    (::ksim::LockOp{(instance), (lock_name), (kind), (read),                                       \
                    reinterpret_cast<uint64_t>(__builtin_return_address(0)),                       \
                    reinterpret_cast<uint64_t>(__builtin_frame_address(0))})
