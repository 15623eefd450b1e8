#pragma once
// ksim's C++ view of the wait-queue structures (include/ksim/wait_abi.h),
// included by path for the same reason as support/abi.h.
#include "../../include/ksim/wait_abi.h"
