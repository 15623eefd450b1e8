#pragma once
// Built-in /proc files that describe the kernel itself: /proc/version
// (fs/proc/version.c) and /proc/kallsyms (kernel/kallsyms.c s_show()).

#include <string>

namespace ksim {

class Kernel;

// Creates /proc/version and /proc/kallsyms in the kernel's file tree.
void add_builtin_proc_files(Kernel& kernel);

// Their contents, as they read at this moment.
std::string proc_version(const Kernel& kernel);
std::string proc_kallsyms(Kernel& kernel);

} // namespace ksim
