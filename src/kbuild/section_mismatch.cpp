// Section mismatch detection; see section_mismatch.h.
#include "kbuild/section_mismatch.h"

#include <elf.h>
#include <fmt/format.h>

#include <set>

namespace ksim::kbuild {

namespace {

enum class Kind { Text, Data, Init, Exit, Other };

bool starts(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

Kind kind_of(std::string_view name) {
    if (starts(name, ".init.") || name == ".init")
        return Kind::Init;
    if (starts(name, ".exit.") || name == ".exit")
        return Kind::Exit;
    if (name == ".text" || starts(name, ".text."))
        return Kind::Text;
    if (name == ".data" || starts(name, ".data.rel"))
        return Kind::Data;
    return Kind::Other;
}

bool is_mismatch(Kind from, Kind to) {
    switch (from) {
    case Kind::Text:
    case Kind::Data:
        return to == Kind::Init || to == Kind::Exit;
    case Kind::Init:
        return to == Kind::Exit;
    case Kind::Exit:
        return to == Kind::Init;
    default:
        return false;
    }
}

// Data that legitimately points at init code: driver and ops templates
// (modpost's whitelist for DATA_TO_ANY_INIT).
bool whitelisted_data_symbol(std::string_view sym) {
    for (std::string_view suffix : {"driver", "_template", "_timer", "_sht", "_ops", "_probe",
                                    "_probe_one", "_console"})
        if (sym.size() >= suffix.size() && sym.substr(sym.size() - suffix.size()) == suffix)
            return true;
    return false;
}

// The named symbol of section `index` that covers `offset` (or the closest
// one before it).
std::string symbol_at(const elf::ElfFile& elf, uint32_t index, uint64_t offset) {
    const elf::Symbol* best = nullptr;
    for (const auto& s : elf.symbols()) {
        if (s.section_index != index || s.name.empty() || s.type == STT_SECTION ||
            s.type == STT_FILE)
            continue;
        if (s.value > offset)
            continue;
        // Closest symbol; at the same address a global name (the
        // init_module/cleanup_module alias) wins over a static one.
        if (best == nullptr || s.value > best->value ||
            (s.value == best->value && s.binding == STB_GLOBAL && best->binding != STB_GLOBAL))
            best = &s;
    }
    return best ? std::string(best->name) : std::string();
}

} // namespace

std::string section_mismatch_warnings(const elf::ElfFile& elf, const std::string& object) {
    std::string out;
    const auto& sections = elf.sections();
    std::set<std::string> reported;
    for (const auto& rs : elf.relocation_sections()) {
        const elf::Section& from = sections[rs.target_section];
        if (!from.is_alloc())
            continue;
        Kind from_kind = kind_of(from.name);
        if (from_kind == Kind::Other)
            continue;
        for (const auto& r : rs.entries) {
            const elf::Symbol& target = elf.symbols()[r.symbol_index];
            if (target.is_undefined() || target.section_index >= sections.size())
                continue;
            const elf::Section& to = sections[target.section_index];
            if (!is_mismatch(from_kind, kind_of(to.name)))
                continue;
            std::string fromsym = symbol_at(elf, from.index, r.offset);
            if (from_kind == Kind::Data && whitelisted_data_symbol(fromsym))
                continue;
            std::string tosym(target.name);
            if (target.type == STT_SECTION || tosym.empty()) {
                // A section-relative reference: PC-relative forms carry -4.
                int64_t at = r.addend;
                bool pc_relative = r.type == R_X86_64_PC32 || r.type == R_X86_64_PLT32;
                if (pc_relative)
                    at += 4;
                tosym = symbol_at(elf, to.index, at < 0 ? 0 : uint64_t(at));
            }
            std::string line = fmt::format(
                "WARNING: modpost: {}: section mismatch in reference: {} (section: {}) -> {} "
                "(section: {})",
                object, fromsym.empty() ? fmt::format("0x{:x}", r.offset) : fromsym, from.name,
                tosym.empty() ? "(unknown)" : tosym, to.name);
            if (reported.insert(line).second)
                out += line + "\n";
        }
    }
    return out;
}

} // namespace ksim::kbuild
