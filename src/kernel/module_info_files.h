#pragma once
// The module files Linux exposes: /proc/modules (kernel/module/procfs.c:
// m_show()), /proc/sys/kernel/tainted and the /sys/module/<name>/ attributes
// (kernel/module/sysfs.c: refcnt, initstate, taint, coresize, initsize,
// holders/, parameters/).

#include "support/error_or.h"

#include <string>
#include <vector>

namespace ksim {

class Kernel;
class Module;

struct ModuleSummary {
    std::string name;
    uint64_t size = 0;     // core + init, as /proc/modules shows it
    uint64_t coresize = 0; // /sys/module/<m>/coresize, which lsmod shows
    uint64_t base = 0;     // core image address
    int refcount = 0;
    std::vector<std::string> holders; // modules using this one
    std::string state;                // "Live", "Loading", "Unloading"
    std::string flags;                // "(OE)" or empty
    bool permanent = false;           // init without exit
    std::string initstate;            // "live", "coming", "going"
};

// Newest first, as /proc/modules lists them.
std::vector<ModuleSummary> module_summaries(Kernel& kernel);

std::string format_proc_modules(Kernel& kernel);

// Module taint letters with state markers, as module_flags() prints them.
std::string module_flags(const Module& module);

// Reads /sys/module/<m>/<attr> or /proc/...; ENOENT when there is no such file.
ErrorOr<std::string> read_module_file(Kernel& kernel, const std::string& path);
// Writes /sys/module/<m>/parameters/<p> (param_attr_store()).
ErrorOr<void> write_module_file(Kernel& kernel, const std::string& path, const std::string& data);
// The S_IF* type and permission bits of one of those files or directories,
// as sysfs shows them (a parameter's own perm; 0444 attributes; 0755
// directories), for the nodes the VFS makes of them.
ErrorOr<unsigned short> module_file_mode(Kernel& kernel, const std::string& path);
// Entries of a directory among those files (for ls).
ErrorOr<std::vector<std::string>> list_module_dir(Kernel& kernel, const std::string& path);

} // namespace ksim
