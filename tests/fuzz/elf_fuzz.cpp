// libFuzzer target for everything ksim reads out of an untrusted module file
// before loading it: the ELF reader (sections, symbols, relocations, string
// tables), the .modinfo parser, the signature trailer decoder, and the
// libdwfl line lookup on every object the ELF reader accepts. A custom
// mutator aims half of the mutations at ELF header and section header fields.
#include "elf/debug_lines.h"
#include "elf/elf_file.h"
#include "elf/modinfo.h"
#include "elf/module_signature.h"

#include <elf.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <random>

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size);

namespace {

// Touches every byte a view claims to cover, so that a view pointing outside
// the input is caught by AddressSanitizer.
size_t checksum(std::span<const uint8_t> bytes) {
    size_t sum = 0;
    for (uint8_t b : bytes)
        sum += b;
    return sum;
}

size_t checksum(std::string_view text) {
    return checksum({reinterpret_cast<const uint8_t*>(text.data()), text.size()});
}

void exercise_elf(std::span<const uint8_t> bytes) {
    auto parsed = ksim::elf::ElfFile::parse(bytes);
    if (parsed.is_error())
        return;
    const auto& file = parsed.value();
    volatile size_t sink = 0;
    for (const auto& section : file.sections()) {
        sink = sink + checksum(section.name) + checksum(section.data);
        if (section.type == SHT_STRTAB && !section.data.empty()) {
            auto first = file.string_at(section, section.data.size() / 2);
            if (!first.is_error())
                sink = sink + checksum(first.value());
        }
    }
    for (const auto& symbol : file.symbols()) {
        sink = sink + checksum(symbol.name);
        if (!symbol.name.empty() && file.find_symbol(symbol.name) == nullptr)
            __builtin_trap(); // a symbol the table holds must be found by name
    }
    for (const auto& relocations : file.relocation_sections())
        for (const auto& r : relocations.entries)
            if (r.symbol_index >= file.symbols().size())
                __builtin_trap(); // the reader promises valid symbol indices
    for (auto text : file.modinfo_strings())
        sink = sink + checksum(text);
    file.find_section(".modinfo");

    // Reports look up lines only in modules the loader accepted, i.e. ones
    // this reader parsed; their DWARF is still untrusted.
    auto lines = ksim::elf::DebugLines::from_bytes(bytes, "fuzz.ko");
    if (lines.is_error())
        return;
    for (const char* section : {".text", ".init.text", ".exit.text"})
        for (uint64_t offset : {0, 1, 7, 64}) {
            auto where = lines.value().lookup(section, offset);
            if (!where.is_error())
                sink = sink + where.value().file.size() + where.value().function.size();
        }
}

void exercise_modinfo(std::span<const uint8_t> bytes) {
    volatile size_t sink = 0;
    auto entries = ksim::elf::read_modinfo(bytes);
    if (!entries.is_error()) {
        for (const auto& entry : entries.value())
            sink = sink + entry.key.size() + entry.value.size();
        auto grouped = ksim::elf::group_params(entries.value());
        for (const auto& param : grouped.params)
            if (!param.description && !param.type)
                __builtin_trap(); // a parameter exists only through an entry
    }
    // The raw section parser on the whole input, too.
    for (const auto& entry : ksim::elf::parse_modinfo(bytes))
        if (entry.key.find('=') != std::string::npos || entry.key.find('\0') != std::string::npos ||
            entry.value.find('\0') != std::string::npos)
            __builtin_trap(); // split at the first '=', strings end at NUL
    if (auto signature = ksim::elf::read_module_signature(bytes))
        for (const auto& entry : ksim::elf::signature_modinfo(*signature))
            sink = sink + entry.value.size();
}

// Values that tend to break size and offset checks.
uint64_t interesting_value(std::minstd_rand& rng, size_t size) {
    const uint64_t values[] = {
        0,      1,          size,       size - 1,     size + 1,          0x7f,     0x80, 0xff,
        0xffff, 0x7fffffff, 0xffffffff, ~uint64_t(0), ~uint64_t(0) - 63, size / 2, 64};
    return values[rng() % (sizeof values / sizeof values[0])];
}

// Overwrites one field of the ELF header or of a section header with an
// interesting value, keeping the rest of a valid object intact.
bool mutate_header_field(uint8_t* data, size_t size, std::minstd_rand& rng) {
    if (size < sizeof(Elf64_Ehdr))
        return false;
    Elf64_Ehdr header;
    std::memcpy(&header, data, sizeof header);
    struct Field {
        size_t offset;
        size_t width;
    };
    static const Field header_fields[] = {
        {offsetof(Elf64_Ehdr, e_shoff), 8},
        {offsetof(Elf64_Ehdr, e_shnum), 2},
        {offsetof(Elf64_Ehdr, e_shstrndx), 2},
        {offsetof(Elf64_Ehdr, e_shentsize), 2},
        {offsetof(Elf64_Ehdr, e_ident) + EI_CLASS, 1},
    };
    static const Field section_fields[] = {
        {offsetof(Elf64_Shdr, sh_name), 4},    {offsetof(Elf64_Shdr, sh_type), 4},
        {offsetof(Elf64_Shdr, sh_offset), 8},  {offsetof(Elf64_Shdr, sh_size), 8},
        {offsetof(Elf64_Shdr, sh_link), 4},    {offsetof(Elf64_Shdr, sh_info), 4},
        {offsetof(Elf64_Shdr, sh_entsize), 8}, {offsetof(Elf64_Shdr, sh_addralign), 8},
    };
    size_t at;
    size_t width;
    const bool have_sections = header.e_shnum > 0 && header.e_shoff < size &&
                               (size - header.e_shoff) / sizeof(Elf64_Shdr) > 0;
    if (!have_sections || rng() % 4 == 0) {
        const Field& f = header_fields[rng() % (sizeof header_fields / sizeof header_fields[0])];
        at = f.offset;
        width = f.width;
    } else {
        const uint64_t count =
            std::min<uint64_t>(header.e_shnum, (size - header.e_shoff) / sizeof(Elf64_Shdr));
        const Field& f = section_fields[rng() % (sizeof section_fields / sizeof section_fields[0])];
        at = header.e_shoff + (rng() % count) * sizeof(Elf64_Shdr) + f.offset;
        width = f.width;
    }
    if (at + width > size)
        return false;
    const uint64_t value = interesting_value(rng, size);
    std::memcpy(data + at, &value, width); // little-endian host, as the files
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::span<const uint8_t> bytes(data, size);
    exercise_elf(bytes);
    exercise_modinfo(bytes);
    return 0;
}

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size,
                                          unsigned int seed) {
    std::minstd_rand rng(seed);
    if (rng() % 2 == 0 && mutate_header_field(data, size, rng))
        return size;
    return LLVMFuzzerMutate(data, size, max_size);
}
