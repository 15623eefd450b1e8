#pragma once
// ksim's C++ view of the module ABI (include/ksim/abi.h). Included by path
// so that ksim's own include search never reaches the kernel-style headers
// in include/, which would shadow the host's <linux/...> headers.
#include "../../include/ksim/abi.h"
