#pragma once
// The user-space test programs of a module directory (`ksim run --prog
// FILE.c`): a C file next to the module that is not part of obj-m, such as
// ioctl_test.c, compiled for the host with HOSTCC (default cc) into
// DIR/<stem> like a kbuild host program, and rebuilt only when it or a
// header of the directory changed.

#include <string>
#include <vector>

namespace ksim::cli {

struct UserProgram {
    std::string source;            // absolute path of FILE.c
    std::string binary;            // absolute path of the program (FILE without .c)
    std::vector<std::string> args; // given after the file name in --prog
};

// Parses "--prog 'FILE.c ARGS...'" relative to `dir`; the error text is
// ksim's message when FILE.c is not usable (missing, not .c, a module's
// source).
bool parse_user_program(const std::string& spec, const std::string& dir, UserProgram& program,
                        std::string& error);

// Compiles `program` if it is out of date, appending kbuild-style output
// ("  HOSTCC  ioctl_test" and the compiler's diagnostics) to `output`.
// Returns the compiler's exit status (0 also when nothing was to be done).
int build_user_program(const UserProgram& program, std::string& output);

// The script line that runs it: "! ./stem 'arg'...".
std::string user_program_line(const UserProgram& program, const std::string& dir);

} // namespace ksim::cli
