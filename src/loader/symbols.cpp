// Symbol resolution and kallsyms for a module being loaded; see symbols.h.
#include "loader/symbols.h"

#include "api/export.h"
#include "kernel/kernel.h"
#include "kernel/module_registry.h"
#include "loader/image_pointers.h"
#include "loader/layout.h"

#include <elf.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace ksim::loader {

ErrorOr<void> resolve_symbols(Kernel& kernel, LoadInfo& info) {
    Module& mod = *info.module;
    const auto& sections = info.elf->sections();
    const auto& symbols = info.elf->symbols();
    auto& registry = kernel.modules();
    info.symbol_values.assign(symbols.size(), 0);
    int error = 0;
    for (const auto& sym : symbols) {
        if (sym.index == 0)
            continue;
        uint64_t& value = info.symbol_values[sym.index];
        switch (sym.section_index) {
        case SHN_COMMON:
            // Linux: "please compile with -fno-common".
            kernel.log().emit(4, fmt::format("{}: please compile with -fno-common", mod.name));
            return Error::from_errno(ENOEXEC);
        case SHN_ABS:
            value = sym.value;
            break;
        case SHN_UNDEF: {
            auto resolved = registry.resolve_locked(sym.name);
            // A GPL-incompatible module cannot see GPL-only exports: the
            // lookup fails exactly as for a missing symbol.
            if (resolved && resolved->gpl_only && !mod.gpl_compatible)
                resolved.reset();
            if (resolved) {
                value = resolved->address;
                if (resolved->owner != nullptr)
                    registry.add_use_locked(&mod, resolved->owner);
                break;
            }
            if (sym.binding == STB_WEAK) {
                value = 0;
                break;
            }
            kernel.log().emit(
                4, fmt::format("{}: Unknown symbol {} (err {})", mod.name, sym.name, -ENOENT));
            error = ENOENT;
            break;
        }
        default:
            if (sym.section_index >= sections.size())
                return Error::from_errno(ENOEXEC, "symbol section out of range");
            {
                const Placement& p = info.placement[sym.section_index];
                value = (p.region == Region::None ? 0 : p.address) + sym.value;
            }
            break;
        }
    }
    if (error != 0) {
        // Undo the dependencies recorded for symbols that did resolve.
        registry.drop_uses_locked(&mod);
        return Error::from_errno(error);
    }
    return {};
}

// kernel/module/kallsyms.c elf_type() for a symbol of an allocated section.
static char kallsyms_type(const elf::Symbol& sym, const elf::Section& section) {
    if (sym.binding == STB_WEAK)
        return sym.type == STT_OBJECT ? 'v' : 'w';
    if (section.flags & SHF_EXECINSTR)
        return 't';
    if (section.type == SHT_NOBITS)
        return 'b';
    return (section.flags & SHF_WRITE) ? 'd' : 'r';
}

void build_kallsyms(LoadInfo& info) {
    const auto& sections = info.elf->sections();
    Module& mod = *info.module;
    for (const auto& sym : info.elf->symbols()) {
        if (sym.name.empty() || sym.is_undefined() || sym.section_index >= sections.size())
            continue;
        if (sym.type == STT_SECTION || sym.type == STT_FILE)
            continue;
        const Placement& p = info.placement[sym.section_index];
        if (p.region == Region::None)
            continue;
        mod.symbols.push_back(ModuleSymbol{std::string(sym.name), info.symbol_values[sym.index],
                                           sym.size, p.region == Region::Init, sym.type == STT_FUNC,
                                           kallsyms_type(sym, sections[sym.section_index]),
                                           sym.index});
    }
    std::sort(mod.symbols.begin(), mod.symbols.end(),
              [](const auto& a, const auto& b) { return a.address < b.address; });
}

ErrorOr<void> collect_exports(Kernel& kernel, LoadInfo& info) {
    Module& mod = *info.module;
    auto& registry = kernel.modules();
    for (auto [section_name, gpl] : {std::pair{"__ksymtab", false}, {"__ksymtab_gpl", true}}) {
        const elf::Section* s = info.elf->find_section(section_name);
        if (s == nullptr || info.placement[s->index].region == Region::None)
            continue;
        if (s->size % sizeof(kernel_symbol) != 0)
            return Error::from_errno(ENOEXEC, "bad export table size");
        auto* table = reinterpret_cast<const kernel_symbol*>(info.placement[s->index].address);
        if (!struct_in_core(mod, table))
            return Error::from_errno(ENOEXEC, "misplaced export table");
        for (size_t i = 0; i < s->size / sizeof(kernel_symbol); ++i) {
            const char* name = table[i].name;
            // The name must be a string of the module itself (a malformed
            // .ko could point anywhere).
            if (name == nullptr || !string_in_core(mod, name)) {
                kernel.log().emit(3,
                                  fmt::format("{}: malformed export table entry {}", mod.name, i));
                return Error::from_errno(ENOEXEC);
            }
            mod.exports.push_back({name, table[i].value, gpl});
        }
    }
    // complete_formation() -> verify_exported_symbols()
    for (const auto& e : mod.exports) {
        std::string owner;
        if (find_kernel_export(e.name) != nullptr)
            owner = "kernel";
        else if (Module* other = registry.exporter_locked(e.name))
            owner = other->name;
        else
            continue;
        kernel.log().emit(3, fmt::format("{}: exports duplicate symbol {} (owned by {})", mod.name,
                                         e.name, owner));
        return Error::from_errno(ENOEXEC);
    }
    return {};
}

} // namespace ksim::loader
