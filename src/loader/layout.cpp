// Section placement; see layout.h.
#include "loader/layout.h"

#include <elf.h>

#include <cstring>

namespace ksim::loader {

namespace {

enum Group { Text, ReadOnly, RoAfterInit, Data, GroupCount };

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

// Sections that Linux drops or keeps out of the image even though they are
// SHF_ALLOC in the object: .modinfo and __versions are read from the file copy.
bool is_loaded(const elf::Section& s) {
    if (!s.is_alloc() || s.size == 0)
        return false;
    return s.name != ".modinfo" && s.name != "__versions";
}

Group group_of(const elf::Section& s) {
    if (s.flags & SHF_EXECINSTR)
        return Text;
    if (s.name == ".data..ro_after_init")
        return RoAfterInit;
    if (!(s.flags & SHF_WRITE))
        return ReadOnly;
    return Data;
}

uint64_t align_to(uint64_t value, uint64_t alignment) {
    if (alignment <= 1)
        return value;
    return (value + alignment - 1) & ~(alignment - 1);
}

} // namespace

bool is_init_section_name(std::string_view name) { return starts_with(name, ".init"); }

void layout_sections(LoadInfo& info) {
    const auto& sections = info.elf->sections();
    info.placement.assign(sections.size(), Placement{});
    for (Region region : {Region::Core, Region::Init}) {
        uint64_t size = 0;
        uint64_t group_end[GroupCount] = {};
        for (int group = 0; group < GroupCount; ++group) {
            for (const auto& s : sections) {
                if (!is_loaded(s) || group_of(s) != group)
                    continue;
                bool init = is_init_section_name(s.name);
                if ((region == Region::Init) != init)
                    continue;
                size = align_to(size, s.alignment);
                info.placement[s.index] = Placement{region, size, 0};
                size += s.size;
            }
            size = page_align(size);
            group_end[group] = size;
        }
        ModuleLayout& layout = region == Region::Core ? info.module->core : info.module->init;
        layout.text_size = group_end[Text];
        layout.ro_size = group_end[ReadOnly];
        layout.size = size;
    }
    // Linux also keeps a copy of the core symbols and their names in the core
    // image (layout_symtab()), one more page-aligned block after the data.
    uint64_t symtab_bytes = 0;
    for (const auto& sym : info.elf->symbols()) {
        if (sym.name.empty() || sym.is_undefined() || sym.section_index >= sections.size())
            continue;
        const auto& s = sections[sym.section_index];
        if (is_loaded(s) && !is_init_section_name(s.name))
            symtab_bytes += sizeof(Elf64_Sym) + sym.name.size() + 1;
    }
    if (symtab_bytes > 0)
        info.module->core.size += page_align(symtab_bytes + sizeof(Elf64_Sym) + 1);
}

ErrorOr<void> allocate_and_copy(LoadInfo& info, ModuleMemoryArea& area) {
    Module& m = *info.module;
    m.core.range = KSIM_TRY(area.allocate(m.core.size));
    if (m.init.size > 0) {
        auto init = area.allocate(m.init.size);
        if (init.is_error()) {
            area.release(m.core.range);
            return init.release_error();
        }
        m.init.range = init.value();
    }
    for (const auto& s : info.elf->sections()) {
        Placement& p = info.placement[s.index];
        if (p.region == Region::None)
            continue;
        uint64_t base = p.region == Region::Core ? m.core.range.base : m.init.range.base;
        p.address = base + p.offset;
        // NOBITS (and odd types without file data) stay zero-filled.
        if (!s.data.empty())
            std::memcpy(reinterpret_cast<void*>(p.address), s.data.data(), s.data.size());
    }
    return {};
}

void protect_images(const Module& m) {
    for (const ModuleLayout* layout : {&m.core, &m.init}) {
        if (layout->range.size == 0)
            continue;
        uint64_t base = layout->range.base;
        ModuleMemoryArea::protect({base, layout->text_size}, Protection::ReadExecute);
        ModuleMemoryArea::protect({base + layout->text_size, layout->ro_size - layout->text_size},
                                  Protection::Read);
    }
}

} // namespace ksim::loader
