// ELF64 relocatable-object reader; see elf_file.h. Validation mirrors what
// Linux's elf_validity_check() (kernel/module/main.c) insists on before it
// trusts any header field.
#include "elf/elf_file.h"

#include <elf.h>

#include <cstring>
#include <fstream>
#include <iterator>

namespace ksim::elf {

namespace {

Error invalid(std::string why) {
    return Error::from_errno(ENOEXEC, std::move(why));
}

// Copies a trivially copyable struct out of `bytes` at `offset` (the file
// may not be aligned for it).
template <typename T> bool read_struct(std::span<const uint8_t> bytes, uint64_t offset, T& out) {
    if (offset > bytes.size() || bytes.size() - offset < sizeof(T))
        return false;
    std::memcpy(&out, bytes.data() + offset, sizeof(T));
    return true;
}

bool range_ok(std::span<const uint8_t> bytes, uint64_t offset, uint64_t size) {
    return offset <= bytes.size() && size <= bytes.size() - offset;
}

} // namespace

bool Section::is_alloc() const { return (flags & SHF_ALLOC) != 0; }
bool Section::is_nobits() const { return type == SHT_NOBITS; }
bool Symbol::is_undefined() const { return section_index == SHN_UNDEF; }

ErrorOr<std::string_view> ElfFile::string_at(const Section& section, uint64_t offset) const {
    if (section.type != SHT_STRTAB && section.type != SHT_PROGBITS)
        return invalid("string table has wrong type");
    if (offset >= section.data.size())
        return invalid("string offset out of range");
    auto rest = section.data.subspan(offset);
    const void* nul = std::memchr(rest.data(), 0, rest.size());
    if (nul == nullptr)
        return invalid("unterminated string");
    return std::string_view(reinterpret_cast<const char*>(rest.data()),
                            static_cast<const uint8_t*>(nul) - rest.data());
}

ErrorOr<ElfFile> ElfFile::parse(std::span<const uint8_t> bytes) {
    ElfFile file;
    file.m_bytes = bytes;

    Elf64_Ehdr header;
    if (!read_struct(bytes, 0, header))
        return invalid("file too short for an ELF header");
    if (std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0)
        return invalid("not an ELF file");
    if (header.e_ident[EI_CLASS] != ELFCLASS64 || header.e_ident[EI_DATA] != ELFDATA2LSB)
        return invalid("not a little-endian ELF64 file");
    if (header.e_type != ET_REL)
        return invalid("not a relocatable object");
    if (header.e_machine != EM_X86_64)
        return invalid("not an x86-64 object");
    if (header.e_shentsize != sizeof(Elf64_Shdr))
        return invalid("unexpected section header size");
    if (header.e_shnum == 0 || header.e_shstrndx >= header.e_shnum)
        return invalid("bad section header string table index");
    if (!range_ok(bytes, header.e_shoff, uint64_t(header.e_shnum) * sizeof(Elf64_Shdr)))
        return invalid("section headers out of range");

    std::vector<Elf64_Shdr> headers(header.e_shnum);
    for (uint32_t i = 0; i < header.e_shnum; ++i)
        read_struct(bytes, header.e_shoff + uint64_t(i) * sizeof(Elf64_Shdr), headers[i]);

    file.m_sections.resize(header.e_shnum);
    for (uint32_t i = 0; i < header.e_shnum; ++i) {
        const auto& h = headers[i];
        Section& s = file.m_sections[i];
        s.index = i;
        s.type = h.sh_type;
        s.flags = h.sh_flags;
        s.address = h.sh_addr;
        s.offset = h.sh_offset;
        s.size = h.sh_size;
        s.link = h.sh_link;
        s.info = h.sh_info;
        s.alignment = h.sh_addralign;
        s.entry_size = h.sh_entsize;
        if (h.sh_type != SHT_NOBITS && h.sh_type != SHT_NULL) {
            if (!range_ok(bytes, h.sh_offset, h.sh_size))
                return invalid("section " + std::to_string(i) + " out of range");
            s.data = bytes.subspan(h.sh_offset, h.sh_size);
        }
        if (h.sh_addralign > 1 && (h.sh_addralign & (h.sh_addralign - 1)) != 0)
            return invalid("section alignment is not a power of two");
        if (h.sh_link >= header.e_shnum)
            return invalid("section link out of range");
    }

    const Section& shstrtab = file.m_sections[header.e_shstrndx];
    if (shstrtab.type != SHT_STRTAB)
        return invalid("section name table is not a string table");
    for (auto& s : file.m_sections) {
        if (s.index == 0)
            continue;
        s.name = KSIM_TRY(file.string_at(shstrtab, headers[s.index].sh_name));
    }

    // Symbols: Linux requires exactly one symbol table in a module.
    const Section* symtab = nullptr;
    for (const auto& s : file.m_sections) {
        if (s.type != SHT_SYMTAB)
            continue;
        if (symtab != nullptr)
            return invalid("more than one symbol table");
        symtab = &s;
    }
    if (symtab != nullptr) {
        if (symtab->entry_size != sizeof(Elf64_Sym) || symtab->size % sizeof(Elf64_Sym) != 0)
            return invalid("bad symbol table entry size");
        const Section& strtab = file.m_sections[symtab->link];
        const uint64_t count = symtab->size / sizeof(Elf64_Sym);
        file.m_symbols.reserve(count);
        for (uint64_t i = 0; i < count; ++i) {
            Elf64_Sym raw;
            read_struct(symtab->data, i * sizeof(Elf64_Sym), raw);
            Symbol sym;
            sym.index = static_cast<uint32_t>(i);
            if (raw.st_name != 0)
                sym.name = KSIM_TRY(file.string_at(strtab, raw.st_name));
            sym.value = raw.st_value;
            sym.size = raw.st_size;
            sym.section_index = raw.st_shndx;
            sym.binding = ELF64_ST_BIND(raw.st_info);
            sym.type = ELF64_ST_TYPE(raw.st_info);
            sym.visibility = ELF64_ST_VISIBILITY(raw.st_other);
            if (sym.section_index >= header.e_shnum && sym.section_index < SHN_LORESERVE)
                return invalid("symbol section index out of range");
            file.m_symbols.push_back(sym);
        }
    }

    for (const auto& s : file.m_sections) {
        if (s.type == SHT_REL)
            return invalid("REL relocations are not used on x86-64");
        if (s.type != SHT_RELA)
            continue;
        if (s.entry_size != sizeof(Elf64_Rela) || s.size % sizeof(Elf64_Rela) != 0)
            return invalid("bad relocation entry size");
        if (s.info == 0 || s.info >= header.e_shnum)
            return invalid("relocation target section out of range");
        if (symtab == nullptr || s.link != symtab->index)
            return invalid("relocation section does not use the symbol table");
        RelocationSection rs;
        rs.section_index = s.index;
        rs.target_section = s.info;
        const uint64_t count = s.size / sizeof(Elf64_Rela);
        rs.entries.reserve(count);
        for (uint64_t i = 0; i < count; ++i) {
            Elf64_Rela raw;
            read_struct(s.data, i * sizeof(Elf64_Rela), raw);
            Relocation r;
            r.offset = raw.r_offset;
            r.type = ELF64_R_TYPE(raw.r_info);
            r.symbol_index = ELF64_R_SYM(raw.r_info);
            r.addend = raw.r_addend;
            if (r.symbol_index >= file.m_symbols.size())
                return invalid("relocation symbol index out of range");
            rs.entries.push_back(r);
        }
        file.m_relocations.push_back(std::move(rs));
    }
    return file;
}

const Section* ElfFile::find_section(std::string_view name) const {
    for (const auto& s : m_sections)
        if (s.index != 0 && s.name == name)
            return &s;
    return nullptr;
}

const Symbol* ElfFile::find_symbol(std::string_view name) const {
    for (const auto& s : m_symbols)
        if (!name.empty() && s.name == name)
            return &s;
    return nullptr;
}

std::vector<std::string_view> ElfFile::modinfo_strings() const {
    std::vector<std::string_view> out;
    const Section* info = find_section(".modinfo");
    if (info == nullptr || info->is_nobits())
        return out;
    auto chars = reinterpret_cast<const char*>(info->data.data());
    size_t pos = 0;
    while (pos < info->data.size()) {
        size_t len = strnlen(chars + pos, info->data.size() - pos);
        if (len > 0)
            out.emplace_back(chars + pos, len);
        pos += len + 1;
    }
    return out;
}

ErrorOr<std::vector<uint8_t>> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error::from_errno(errno ? errno : ENOENT, path + ": cannot open");
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                               std::istreambuf_iterator<char>());
    return bytes;
}

} // namespace ksim::elf
