// Unit tests for the .modinfo parser, the parameter grouping and the module
// signature decoder behind `ksim modinfo`.
#include "elf/modinfo.h"
#include "elf/module_signature.h"

#include <gtest/gtest.h>

#include <elf.h>

#include <cstring>
#include <string>
#include <vector>

namespace {

using ksim::elf::ModinfoEntry;

std::vector<uint8_t> bytes_of(std::string_view text) {
    return std::vector<uint8_t>(text.begin(), text.end());
}

// A little-endian ELF64 object with a NULL section, .shstrtab and a section
// named `name` holding `contents`.
std::vector<uint8_t> make_object(std::string_view name, std::string_view contents) {
    std::string names = std::string("\0.shstrtab\0", 11) + std::string(name) + '\0';
    // Laid out in one buffer sized up front: header, names, contents,
    // section headers (8-byte aligned).
    const uint64_t names_offset = sizeof(Elf64_Ehdr);
    const uint64_t contents_offset = names_offset + names.size();
    const uint64_t headers_offset = (contents_offset + contents.size() + 7) & ~uint64_t(7);
    std::vector<uint8_t> out(headers_offset + 3 * sizeof(Elf64_Shdr), 0);
    std::memcpy(out.data() + names_offset, names.data(), names.size());
    std::memcpy(out.data() + contents_offset, contents.data(), contents.size());
    Elf64_Shdr sections[3] = {};
    sections[1].sh_name = 1;
    sections[1].sh_type = SHT_STRTAB;
    sections[1].sh_offset = names_offset;
    sections[1].sh_size = names.size();
    sections[2].sh_name = 11;
    sections[2].sh_type = SHT_PROGBITS;
    sections[2].sh_offset = contents_offset;
    sections[2].sh_size = contents.size();
    std::memcpy(out.data() + headers_offset, sections, sizeof sections);
    Elf64_Ehdr header = {};
    std::memcpy(header.e_ident, ELFMAG, SELFMAG);
    header.e_ident[EI_CLASS] = ELFCLASS64;
    header.e_ident[EI_DATA] = ELFDATA2LSB;
    header.e_ident[EI_VERSION] = EV_CURRENT;
    header.e_type = ET_REL;
    header.e_machine = EM_X86_64;
    header.e_shoff = headers_offset;
    header.e_shentsize = sizeof(Elf64_Shdr);
    header.e_shnum = 3;
    header.e_shstrndx = 1;
    std::memcpy(out.data(), &header, sizeof header);
    return out;
}

TEST(Modinfo, SplitsKeyValueStringsInFileOrder) {
    auto entries = ksim::elf::parse_modinfo(
        bytes_of(std::string_view("license=GPL\0author=A=B\0flag\0empty=\0", 36)));
    std::vector<ModinfoEntry> expected = {
        {"license", "GPL"}, {"author", "A=B"}, {"flag", ""}, {"empty", ""}};
    EXPECT_EQ(entries, expected);
}

TEST(Modinfo, SkipsPaddingAndToleratesAMissingFinalNul) {
    auto entries = ksim::elf::parse_modinfo(bytes_of(std::string_view("\0\0\0a=1\0\0\0\0b=2", 13)));
    std::vector<ModinfoEntry> expected = {{"a", "1"}, {"b", "2"}};
    EXPECT_EQ(entries, expected);
}

TEST(Modinfo, IgnoresASingleRemainingByteLikeLibkmod) {
    EXPECT_TRUE(ksim::elf::parse_modinfo(bytes_of(std::string_view("\0\0x", 3))).empty());
    EXPECT_TRUE(ksim::elf::parse_modinfo({}).empty());
    EXPECT_EQ(ksim::elf::parse_modinfo(bytes_of("xy")).size(), 1u);
}

TEST(Modinfo, GroupsParametersNewestFirstAndReplacesLaterEntries) {
    std::vector<ModinfoEntry> entries = {
        {"parm", "count:How many"}, {"parmtype", "count:int"},  {"parmtype", "name:charp"},
        {"parm", "broken"},         {"parm", "count:Replaced"}, {"license", "GPL"},
    };
    auto grouped = ksim::elf::group_params(entries);
    ASSERT_EQ(grouped.params.size(), 2u);
    EXPECT_EQ(grouped.params[0].name, "name");
    EXPECT_FALSE(grouped.params[0].description);
    EXPECT_EQ(grouped.params[0].type, "charp");
    EXPECT_EQ(grouped.params[1].name, "count");
    EXPECT_EQ(grouped.params[1].description, "Replaced");
    EXPECT_EQ(grouped.params[1].type, "int");
    ASSERT_EQ(grouped.invalid.size(), 1u);
    EXPECT_EQ(grouped.invalid[0].value, "broken");
}

TEST(Modinfo, ReadsTheModinfoSectionOfAnObject) {
    auto image = make_object(".modinfo", std::string_view("license=GPL\0name=demo\0", 22));
    auto entries = ksim::elf::read_modinfo(image);
    ASSERT_FALSE(entries.is_error()) << entries.error().message;
    EXPECT_EQ(ksim::elf::modinfo_value(entries.value(), "name"), "demo");
    EXPECT_EQ(ksim::elf::modinfo_value(entries.value(), "license"), "GPL");
    EXPECT_FALSE(ksim::elf::modinfo_value(entries.value(), "author"));
}

TEST(Modinfo, ReportsLibkmodErrnos) {
    auto no_modinfo = make_object(".data", "x");
    EXPECT_EQ(ksim::elf::read_modinfo(no_modinfo).error().code, ENOENT);
    EXPECT_EQ(ksim::elf::read_modinfo(bytes_of("abc")).error().code, EINVAL);
    EXPECT_EQ(ksim::elf::read_modinfo(bytes_of("this is not an ELF file")).error().code, ENOEXEC);
    auto image = make_object(".modinfo", "a=b");
    // Every truncation fails with an error rather than reading past the end.
    for (size_t size = 0; size < image.size(); ++size) {
        std::span<const uint8_t> cut(image.data(), size);
        EXPECT_TRUE(ksim::elf::read_modinfo(cut).is_error()) << size;
    }
    // A section name table index beyond the section count (kmod asserts).
    image[offsetof(Elf64_Ehdr, e_shstrndx)] = 7;
    EXPECT_EQ(ksim::elf::read_modinfo(image).error().code, EINVAL);
}

// A DER element.
std::string der(uint8_t tag, std::string_view contents) {
    std::string out(1, char(tag));
    if (contents.size() < 128) {
        out.push_back(char(contents.size()));
    } else {
        out.push_back(char(0x82));
        out.push_back(char(contents.size() >> 8));
        out.push_back(char(contents.size() & 0xff));
    }
    return out + std::string(contents);
}

std::string with_trailer(std::string data, uint8_t id_type, uint8_t signer_len, uint8_t key_id_len,
                         uint32_t sig_len) {
    data += std::string{0, 4, char(id_type), char(signer_len), char(key_id_len), 0, 0, 0};
    data +=
        std::string{char(sig_len >> 24), char(sig_len >> 16), char(sig_len >> 8), char(sig_len)};
    return data + "~Module signature appended~\n";
}

TEST(ModuleSignature, DecodesPkcs7SignerKeyHashAndSignature) {
    const std::string oid_cn = der(0x06, "\x55\x04\x03");
    const std::string oid_o = der(0x06, "\x55\x04\x0a");
    std::string issuer = der(0x30, der(0x31, der(0x30, oid_o + der(0x0c, "Org"))) +
                                       der(0x31, der(0x30, oid_cn + der(0x0c, "Build key"))));
    std::string serial = der(0x02, std::string("\x00\x81\x02", 3));
    std::string sha256 = der(0x30, der(0x06, "\x60\x86\x48\x01\x65\x03\x04\x02\x01"));
    std::string rsa = der(0x30, der(0x06, "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01"));
    std::string digest(25, '\xab');
    std::string signer_info = der(0x30, der(0x02, "\x01") + der(0x30, issuer + serial) + sha256 +
                                            rsa + der(0x04, digest));
    std::string signed_data =
        der(0x30, der(0x02, "\x01") + der(0x31, sha256) +
                      der(0x30, der(0x06, "\x2a\x86\x48\x86\xf7\x0d\x01\x07\x01")) +
                      der(0x31, signer_info));
    std::string pkcs7 =
        der(0x30, der(0x06, "\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02") + der(0xa0, signed_data));
    std::string file = with_trailer("ELF..." + pkcs7, 2, 0, 0, uint32_t(pkcs7.size()));

    auto sig = ksim::elf::read_module_signature(bytes_of(file));
    ASSERT_TRUE(sig);
    auto entries = ksim::elf::signature_modinfo(*sig);
    std::vector<ModinfoEntry> expected = {
        {"sig_id", "PKCS#7"},
        {"signer", "Build key"},
        {"sig_key", "81:02"},
        {"sig_hashalgo", "sha256"},
        {"signature", "AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:\n\t\t"
                      "AB:AB:AB:AB:AB"},
    };
    EXPECT_EQ(entries, expected);

    // Any truncation of the PKCS#7 blob is rejected, never over-read.
    for (size_t cut = 1; cut < pkcs7.size(); ++cut) {
        std::string broken = with_trailer(pkcs7.substr(0, cut), 2, 0, 0, uint32_t(cut));
        EXPECT_FALSE(ksim::elf::read_module_signature(bytes_of(broken))) << cut;
    }
}

TEST(ModuleSignature, ReadsClearTextSignerOfOlderFormats) {
    std::string file = with_trailer("ELFsignerKEYsig", 1, 6, 3, 3);
    auto sig = ksim::elf::read_module_signature(bytes_of(file));
    ASSERT_TRUE(sig);
    EXPECT_EQ(sig->id_type, "X509");
    EXPECT_EQ(sig->signer, "signer");
    EXPECT_EQ(sig->hash_algo, "sha256");
    EXPECT_EQ(ksim::elf::signature_modinfo(*sig)[2].value, "4B:45:59");
}

TEST(ModuleSignature, RejectsInconsistentTrailers) {
    EXPECT_FALSE(ksim::elf::read_module_signature(bytes_of("no signature here")));
    // Lengths larger than the file.
    EXPECT_FALSE(ksim::elf::read_module_signature(bytes_of(with_trailer("x", 1, 6, 3, 3))));
    // Zero-length signature.
    EXPECT_FALSE(ksim::elf::read_module_signature(bytes_of(with_trailer("abc", 1, 0, 0, 0))));
    // Unknown identifier type.
    EXPECT_FALSE(ksim::elf::read_module_signature(bytes_of(with_trailer("abc", 9, 0, 0, 1))));
}

} // namespace
