#pragma once
// The kernel's record of one loaded module (struct module's private half):
// its memory, symbols, exports, dependencies, reference count and taints.
// The C-visible `struct module` lives inside the module image; this object
// points at it.

#include "elf/debug_lines.h"
#include "kernel/module_memory.h"
#include "support/abi.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace ksim {

struct ModuleSymbol {
    std::string name;
    uint64_t address = 0;
    uint64_t size = 0; // st_size from the object
    bool in_init = false;
    bool is_function = false;
    // kernel/module/kallsyms.c elf_type(): 't', 'r', 'd', 'b', 'w'/'v' (weak),
    // lowercase; /proc/kallsyms upper-cases the module's exports.
    char kallsyms_type = '?';
    uint32_t symtab_index = 0; // /proc/kallsyms lists a module in symtab order
};

// Where a section of the object ended up (for address -> section+offset,
// which debug information needs).
struct LoadedSection {
    std::string name;
    uint64_t address = 0;
    uint64_t size = 0;
    bool in_init = false;
};

struct ModuleExportEntry {
    std::string name;
    uint64_t address = 0;
    bool gpl_only = false;
};

// Sizes as Linux's layout_sections() computes them (page-aligned groups),
// reported by lsmod, /proc/modules and /sys/module/<m>/coresize.
struct ModuleLayout {
    MemoryRange range;
    uint64_t text_size = 0; // executable part, page aligned
    uint64_t ro_size = 0;   // text + read-only data
    uint64_t size = 0;      // what Linux reports
};

class Module {
  public:
    std::string name;
    std::string path; // the .ko it was loaded from
    std::string args; // the parameter string insmod passed

    module* descriptor = nullptr; // inside core memory
    ModuleLayout core;
    ModuleLayout init; // size 0 once freed after init
    bool init_freed = false;

    std::vector<ModuleSymbol> symbols; // sorted by address
    std::vector<LoadedSection> sections;
    // The object file as loaded, kept for its debug information, which is
    // read lazily the first time a report needs a source line.
    std::vector<uint8_t> image;
    std::mutex debug_lock;
    bool debug_tried = false;
    std::unique_ptr<elf::DebugLines> debug;
    std::vector<ModuleExportEntry> exports;
    std::vector<std::pair<std::string, std::string>> modinfo;

    // Linux's module_use lists: modules this one uses, and its users.
    std::vector<Module*> uses;
    std::vector<Module*> used_by;

    uint32_t taints = 0;
    bool gpl_compatible = false;

    // Linux keeps refcnt at MODULE_REF_BASE (1) while unused;
    // module_refcount() reports refcnt - 1.
    std::atomic<int> refcnt{1};

    enum module_state state() const {
        return descriptor ? descriptor->state : MODULE_STATE_UNFORMED;
    }
    void set_state(enum module_state s) {
        if (descriptor)
            descriptor->state = s;
    }
    int refcount() const { return refcnt.load() - 1; }
    bool has_init() const { return descriptor && descriptor->init; }
    bool has_exit() const { return descriptor && descriptor->exit; }

    std::string modinfo_value(const std::string& key) const;
};

} // namespace ksim
