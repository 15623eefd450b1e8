// .modinfo parsing with libkmod's rules; see modinfo.h. The section lookup is
// deliberately separate from ElfFile: ElfFile insists on a loadable x86-64
// object, while modinfo must describe any ELF module as kmod does (32-bit,
// big-endian, no symbol table) and fail with kmod's errno where kmod fails.
#include "elf/modinfo.h"

#include <elf.h>

#include <algorithm>
#include <cstring>

namespace ksim::elf {

namespace {

// kmod opens a file by first reading as many bytes as its longest
// decompressor magic (6, xz's); a shorter file is EINVAL before ELF is tried.
constexpr size_t k_magic_probe = 6;
constexpr uint8_t k_xz_magic[] = {0xfd, '7', 'z', 'X', 'Z', 0};
constexpr uint8_t k_zstd_magic[] = {0x28, 0xb5, 0x2f, 0xfd};

// A view of an ELF image of either class and byte order.
class LaxElf {
  public:
    LaxElf(std::span<const uint8_t> image, bool is64, bool msb)
        : m_image(image), m_is64(is64), m_msb(msb) {}

    // Reads an unsigned field of `size` bytes; false when out of bounds.
    bool read(uint64_t offset, unsigned size, uint64_t& out) const {
        if (offset > m_image.size() || m_image.size() - offset < size)
            return false;
        out = 0;
        for (unsigned i = 0; i < size; ++i) {
            unsigned byte = m_msb ? i : size - 1 - i;
            out = (out << 8) | m_image[offset + byte];
        }
        return true;
    }

    bool is64() const { return m_is64; }
    std::span<const uint8_t> image() const { return m_image; }

  private:
    std::span<const uint8_t> m_image;
    bool m_is64;
    bool m_msb;
};

struct SectionInfo {
    uint64_t offset = 0;
    uint64_t size = 0;
    uint64_t name = 0;
};

Error lax_error(int code, const char* why) {
    return Error::from_errno(code, why);
}

// Section header `index`, or nothing when the header or the section's bytes
// fall outside the file (libkmod's elf_get_section_info()).
std::optional<SectionInfo> section_info(const LaxElf& elf, uint64_t headers, uint64_t entry_size,
                                        uint64_t index) {
    const uint64_t base = headers + index * entry_size;
    SectionInfo info;
    bool ok;
    if (elf.is64())
        ok = elf.read(base + offsetof(Elf64_Shdr, sh_name), 4, info.name) &&
             elf.read(base + offsetof(Elf64_Shdr, sh_offset), 8, info.offset) &&
             elf.read(base + offsetof(Elf64_Shdr, sh_size), 8, info.size);
    else
        ok = elf.read(base + offsetof(Elf32_Shdr, sh_name), 4, info.name) &&
             elf.read(base + offsetof(Elf32_Shdr, sh_offset), 4, info.offset) &&
             elf.read(base + offsetof(Elf32_Shdr, sh_size), 4, info.size);
    if (!ok)
        return std::nullopt;
    const uint64_t file_size = elf.image().size();
    if (info.offset > file_size || info.size > file_size - info.offset)
        return std::nullopt;
    return info;
}

} // namespace

std::vector<ModinfoEntry> parse_modinfo(std::span<const uint8_t> section) {
    std::vector<ModinfoEntry> entries;
    size_t start = 0;
    while (start + 1 < section.size() && section[start] == 0)
        ++start;
    // libkmod ignores what is left when it is a single byte, even a non-NUL.
    if (section.size() - start <= 1)
        return entries;
    auto chars = reinterpret_cast<const char*>(section.data());
    size_t pos = start;
    while (pos < section.size()) {
        size_t len = strnlen(chars + pos, section.size() - pos);
        if (len > 0) {
            std::string_view text(chars + pos, len);
            size_t eq = text.find('=');
            if (eq == std::string_view::npos)
                entries.push_back({std::string(text), {}});
            else
                entries.push_back(
                    {std::string(text.substr(0, eq)), std::string(text.substr(eq + 1))});
        }
        pos += len + 1;
    }
    return entries;
}

ErrorOr<std::vector<ModinfoEntry>> read_modinfo(std::span<const uint8_t> image) {
    if (image.size() < k_magic_probe)
        return lax_error(EINVAL, "file too short");
    if (std::equal(std::begin(k_xz_magic), std::end(k_xz_magic), image.begin()) ||
        std::equal(std::begin(k_zstd_magic), std::end(k_zstd_magic), image.begin()))
        return lax_error(EOPNOTSUPP, "compressed modules are not supported");

    // libkmod's elf_identify().
    if (image.size() <= EI_NIDENT || std::memcmp(image.data(), ELFMAG, SELFMAG) != 0)
        return lax_error(ENOEXEC, "not an ELF file");
    bool is64;
    if (image[EI_CLASS] == ELFCLASS64)
        is64 = true;
    else if (image[EI_CLASS] == ELFCLASS32)
        is64 = false;
    else
        return lax_error(EINVAL, "unknown ELF class");
    if (image.size() <= (is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr)))
        return lax_error(EINVAL, "file too short for an ELF header");
    if (image[EI_DATA] != ELFDATA2LSB && image[EI_DATA] != ELFDATA2MSB)
        return lax_error(EINVAL, "unknown ELF byte order");
    LaxElf elf(image, is64, image[EI_DATA] == ELFDATA2MSB);

    uint64_t shoff = 0, shnum = 0, shentsize = 0, shstrndx = 0;
    if (is64) {
        elf.read(offsetof(Elf64_Ehdr, e_shoff), 8, shoff);
        elf.read(offsetof(Elf64_Ehdr, e_shentsize), 2, shentsize);
        elf.read(offsetof(Elf64_Ehdr, e_shnum), 2, shnum);
        elf.read(offsetof(Elf64_Ehdr, e_shstrndx), 2, shstrndx);
    } else {
        elf.read(offsetof(Elf32_Ehdr, e_shoff), 4, shoff);
        elf.read(offsetof(Elf32_Ehdr, e_shentsize), 2, shentsize);
        elf.read(offsetof(Elf32_Ehdr, e_shnum), 2, shnum);
        elf.read(offsetof(Elf32_Ehdr, e_shstrndx), 2, shstrndx);
    }
    if (shentsize != (is64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr)))
        return lax_error(EINVAL, "unexpected section header size");
    if (shoff > image.size() || shnum * shentsize > image.size() - shoff)
        return lax_error(EINVAL, "file too short for its section headers");
    if (shstrndx == SHN_UNDEF || shstrndx >= shnum)
        return lax_error(EINVAL, "bad section name table index");
    auto names = section_info(elf, shoff, shentsize, shstrndx);
    if (!names)
        return lax_error(EINVAL, "section name table out of range");
    if (names->size == 0 || image[names->offset + names->size - 1] != 0)
        return lax_error(EINVAL, "section name table is not NUL-terminated");
    auto name_chars = reinterpret_cast<const char*>(image.data() + names->offset);

    // The first section named .modinfo whose header and bytes are in range.
    for (uint64_t i = 1; i < shnum; ++i) {
        auto info = section_info(elf, shoff, shentsize, i);
        if (!info || info->name >= names->size)
            continue;
        if (std::strcmp(name_chars + info->name, ".modinfo") != 0)
            continue;
        return parse_modinfo(image.subspan(info->offset, info->size));
    }
    return lax_error(ENOENT, "no .modinfo section");
}

std::optional<std::string_view> modinfo_value(const std::vector<ModinfoEntry>& entries,
                                              std::string_view key) {
    for (const auto& entry : entries)
        if (entry.key == key)
            return std::string_view(entry.value);
    return std::nullopt;
}

ModinfoParams group_params(const std::vector<ModinfoEntry>& entries) {
    ModinfoParams out;
    // Built in first-seen order, reversed at the end: kmod prepends each new
    // parameter to its list, so the first one seen is printed last.
    for (const auto& entry : entries) {
        const bool is_desc = entry.key == "parm";
        if (!is_desc && entry.key != "parmtype")
            continue;
        size_t colon = entry.value.find(':');
        if (colon == std::string::npos) {
            out.invalid.push_back(entry);
            continue;
        }
        std::string name = entry.value.substr(0, colon);
        auto it = std::find_if(out.params.begin(), out.params.end(),
                               [&](const ModinfoParam& p) { return p.name == name; });
        if (it == out.params.end()) {
            out.params.push_back({name, std::nullopt, std::nullopt});
            it = out.params.end() - 1;
        }
        (is_desc ? it->description : it->type) = entry.value.substr(colon + 1);
    }
    std::reverse(out.params.begin(), out.params.end());
    return out;
}

} // namespace ksim::elf
