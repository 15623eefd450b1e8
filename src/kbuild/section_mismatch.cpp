// Section mismatch warnings; see section_mismatch.h. The rules are those of
// Linux 6.1's sectioncheck[] table that apply to modules, and the message is
// the one-line form of 6.1's report_sec_mismatch().
#include "kbuild/section_mismatch.h"

#include <elf.h>
#include <fmt/format.h>

#include <string_view>

namespace ksim::kbuild {

namespace {

enum class Kind { other, text, data, init, exit };

bool has_prefix_section(std::string_view name, std::string_view base) {
    return name == base || (name.starts_with(base) && name[base.size()] == '.');
}

Kind classify(std::string_view name) {
    if (name.starts_with(".init."))
        return Kind::init;
    if (name.starts_with(".exit."))
        return Kind::exit;
    if (has_prefix_section(name, ".text") || name == ".sched.text" || name == ".noinstr.text")
        return Kind::text;
    if (name == ".data" || name.starts_with(".data.rel"))
        return Kind::data;
    return Kind::other;
}

bool is_mismatch(Kind from, Kind to) {
    switch (from) {
    case Kind::text:
    case Kind::data:
        return to == Kind::init || to == Kind::exit;
    case Kind::init:
        return to == Kind::exit;
    case Kind::exit:
        return to == Kind::init;
    default:
        return false;
    }
}

// modpost skips symbols without a usable name (section and file symbols,
// ARM-style "$x" mapping symbols).
bool is_named(const elf::Symbol& sym) {
    if (sym.name.empty() || sym.name.starts_with('$'))
        return false;
    return sym.type != STT_SECTION && sym.type != STT_FILE;
}

// The symbol whose range holds `offset` in `section`: the closest one at or
// before it; of equals, the later in the symbol table (so the global alias
// cleanup_module wins over the static function it names, as in modpost).
const elf::Symbol* symbol_before(const elf::ElfFile& elf, uint32_t section, uint64_t offset) {
    const elf::Symbol* best = nullptr;
    for (const auto& sym : elf.symbols()) {
        if (sym.section_index != section || !is_named(sym) || sym.value > offset)
            continue;
        if (best == nullptr || sym.value >= best->value)
            best = &sym;
    }
    return best;
}

// For a reference through a section symbol plus addend, the named symbol
// nearest to the addressed byte, as modpost's find_tosym().
const elf::Symbol* symbol_near(const elf::ElfFile& elf, uint32_t section, int64_t address) {
    const elf::Symbol* best = nullptr;
    uint64_t best_distance = UINT64_MAX;
    for (const auto& sym : elf.symbols()) {
        if (sym.section_index != section || !is_named(sym))
            continue;
        int64_t d = int64_t(sym.value) - address;
        uint64_t distance = d < 0 ? uint64_t(-d) : uint64_t(d);
        if (distance < best_distance) {
            best = &sym;
            best_distance = distance;
        }
    }
    return best;
}

} // namespace

std::vector<std::string> section_mismatch_warnings(const elf::ElfFile& elf,
                                                   const std::string& object) {
    std::vector<std::string> warnings;
    const auto& sections = elf.sections();
    const auto& symbols = elf.symbols();
    for (const auto& rela : elf.relocation_sections()) {
        if (rela.target_section >= sections.size())
            continue;
        const auto& from = sections[rela.target_section];
        Kind from_kind = classify(from.name);
        if (from_kind == Kind::other)
            continue;
        for (const auto& r : rela.entries) {
            if (r.symbol_index >= symbols.size())
                continue;
            const auto& target = symbols[r.symbol_index];
            if (target.section_index == SHN_UNDEF || target.section_index >= sections.size())
                continue;
            const auto& to = sections[target.section_index];
            if (!is_mismatch(from_kind, classify(to.name)))
                continue;
            const elf::Symbol* to_sym = &target;
            if (target.type == STT_SECTION)
                to_sym = symbol_near(elf, target.section_index, r.addend);
            const elf::Symbol* from_sym = symbol_before(elf, rela.target_section, r.offset);
            std::string_view from_name = from_sym ? from_sym->name : std::string_view("(unknown)");
            std::string_view to_name = to_sym ? to_sym->name : std::string_view("(unknown)");
            warnings.push_back(fmt::format("WARNING: modpost: {}: section mismatch in reference: "
                                           "{} (section: {}) -> {} (section: {})",
                                           object, from_name, from.name, to_name, to.name));
        }
    }
    return warnings;
}

} // namespace ksim::kbuild
