#pragma once
// State of one module load in progress (Linux's struct load_info): the parsed
// object, where each section was placed, and the module record being built.

#include "elf/elf_file.h"
#include "kernel/module.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ksim::loader {

enum class Region { None, Core, Init };

struct Placement {
    Region region = Region::None;
    uint64_t offset = 0; // within the region
    uint64_t address = 0; // final address once memory is allocated
};

struct LoadInfo {
    std::string path;
    std::vector<uint8_t> bytes;
    std::unique_ptr<elf::ElfFile> elf;
    std::string name; // from .modinfo "name=", else the file name
    std::vector<Placement> placement; // by section index
    std::unique_ptr<Module> module;
    // The final address of every symbol, by symbol index (after resolution).
    std::vector<uint64_t> symbol_values;
};

} // namespace ksim::loader
