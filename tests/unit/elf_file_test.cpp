// Unit tests for the ELF reader: malformed inputs fail cleanly.
#include "elf/elf_file.h"

#include <gtest/gtest.h>

#include <elf.h>

#include <cstring>
#include <vector>

namespace {

std::vector<uint8_t> minimal_header() {
    std::vector<uint8_t> bytes(sizeof(Elf64_Ehdr), 0);
    Elf64_Ehdr h{};
    std::memcpy(h.e_ident, ELFMAG, SELFMAG);
    h.e_ident[EI_CLASS] = ELFCLASS64;
    h.e_ident[EI_DATA] = ELFDATA2LSB;
    h.e_ident[EI_VERSION] = EV_CURRENT;
    h.e_type = ET_REL;
    h.e_machine = EM_X86_64;
    h.e_shentsize = sizeof(Elf64_Shdr);
    std::memcpy(bytes.data(), &h, sizeof h);
    return bytes;
}

TEST(ElfFile, RejectsEmptyInput) {
    auto result = ksim::elf::ElfFile::parse({});
    ASSERT_TRUE(result.is_error());
    EXPECT_EQ(result.error().code, ENOEXEC);
}

TEST(ElfFile, RejectsBadMagic) {
    auto bytes = minimal_header();
    bytes[0] = 'X';
    EXPECT_TRUE(ksim::elf::ElfFile::parse(bytes).is_error());
}

TEST(ElfFile, RejectsHeaderWithoutSections) {
    auto bytes = minimal_header();
    auto result = ksim::elf::ElfFile::parse(bytes);
    ASSERT_TRUE(result.is_error());
}

TEST(ElfFile, RejectsSectionTableBeyondEnd) {
    auto bytes = minimal_header();
    Elf64_Ehdr h;
    std::memcpy(&h, bytes.data(), sizeof h);
    h.e_shoff = 1 << 20;
    h.e_shnum = 3;
    h.e_shstrndx = 1;
    std::memcpy(bytes.data(), &h, sizeof h);
    auto result = ksim::elf::ElfFile::parse(bytes);
    ASSERT_TRUE(result.is_error());
    EXPECT_NE(result.error().message.find("out of range"), std::string::npos);
}

} // namespace
