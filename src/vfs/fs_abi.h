#pragma once
// ksim's C++ view of the file structures shared with modules
// (include/ksim/fs_abi.h), included by path for the same reason as
// support/abi.h: ksim's own include search must not reach include/linux.
#include "../../include/ksim/fs_abi.h"
