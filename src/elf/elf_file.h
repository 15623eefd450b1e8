#pragma once
// Reads and validates an ELF64 x86-64 relocatable object (.o or .ko). Every
// offset, size and index in the file is checked before use, so a malformed or
// truncated file yields an Error ("Invalid module format" in the loader's
// wording), never a crash. The ElfFile keeps views into the caller's bytes.

#include "support/error_or.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ksim::elf {

struct Section {
    uint32_t index = 0;
    std::string_view name;
    uint32_t type = 0; // SHT_*
    uint64_t flags = 0; // SHF_*
    uint64_t address = 0;
    uint64_t offset = 0;
    uint64_t size = 0;
    uint32_t link = 0;
    uint32_t info = 0;
    uint64_t alignment = 0;
    uint64_t entry_size = 0;
    // The section's bytes in the file; empty for SHT_NOBITS.
    std::span<const uint8_t> data;

    bool is_alloc() const;
    bool is_nobits() const;
};

struct Symbol {
    uint32_t index = 0;
    std::string_view name;
    uint64_t value = 0;
    uint64_t size = 0;
    uint16_t section_index = 0; // SHN_UNDEF, SHN_ABS, SHN_COMMON or a section
    uint8_t binding = 0; // STB_*
    uint8_t type = 0; // STT_*
    uint8_t visibility = 0;

    bool is_undefined() const;
};

struct Relocation {
    uint64_t offset = 0;
    uint32_t type = 0; // R_X86_64_*
    uint32_t symbol_index = 0;
    int64_t addend = 0;
};

// One SHT_RELA section and the section its entries patch.
struct RelocationSection {
    uint32_t section_index = 0; // the SHT_RELA section itself
    uint32_t target_section = 0; // sh_info
    std::vector<Relocation> entries;
};

class ElfFile {
  public:
    // Parses `bytes`, which must outlive the ElfFile. Accepts only ELFCLASS64,
    // little-endian, EM_X86_64, ET_REL objects.
    static ErrorOr<ElfFile> parse(std::span<const uint8_t> bytes);

    const std::vector<Section>& sections() const { return m_sections; }
    const std::vector<Symbol>& symbols() const { return m_symbols; }
    const std::vector<RelocationSection>& relocation_sections() const { return m_relocations; }
    std::span<const uint8_t> bytes() const { return m_bytes; }

    const Section* find_section(std::string_view name) const;
    const Symbol* find_symbol(std::string_view name) const;

    // The NUL-separated "key=value" strings of .modinfo, in file order.
    std::vector<std::string_view> modinfo_strings() const;

    // The NUL-terminated string at `offset` within `section`, or an error.
    ErrorOr<std::string_view> string_at(const Section& section, uint64_t offset) const;

  private:
    std::span<const uint8_t> m_bytes;
    std::vector<Section> m_sections;
    std::vector<Symbol> m_symbols;
    std::vector<RelocationSection> m_relocations;
};

// Reads a whole file into memory.
ErrorOr<std::vector<uint8_t>> read_file(const std::string& path);

} // namespace ksim::elf
