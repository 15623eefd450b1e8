#pragma once
// Sanity of a module's __param table before the kernel acts on it. Linux
// trusts a module's object completely; ksim must not crash on a malformed
// .ko, so every pointer the parameter code will follow is checked to lie in
// the module's own image or to be one of ksim's exported symbols.

#include "support/error_or.h"

#include <string>

namespace ksim {

class Module;

// ENOEXEC with a message naming the first bad entry.
ErrorOr<void> check_param_table(const Module& module);

} // namespace ksim
