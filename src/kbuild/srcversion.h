#pragma once
// The srcversion modpost adds to a module that has MODULE_VERSION
// (scripts/mod/sumversion.c): an MD4 over the module's source files with
// whitespace and comments dropped, printed as 23 hex digits.

#include "support/error_or.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ksim::kbuild {

// The MD4 digest modpost computes over `data`. modpost reads each 32-bit
// message word big-endian (its byte swapping assumes a big-endian host), so
// this is not RFC 1320's MD4 of the same bytes; the result is printed as
// RFC 1320's digest is (32 upper-case hex digits).
std::string modpost_md4_hex(std::string_view data);

// The bytes of one source file that modpost feeds into the digest.
std::string srcversion_tokens(std::string_view file);

// srcversion over `files` in order (each read and tokenized), first 23 digits.
ErrorOr<std::string> srcversion(const std::vector<std::string>& files);

} // namespace ksim::kbuild
