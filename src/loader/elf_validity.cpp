// Header checks with Linux's messages; see elf_validity.h.
#include "loader/elf_validity.h"

#include <elf.h>
#include <fmt/format.h>

#include <cstring>

namespace ksim::loader {

std::optional<std::string> elf_header_problem(std::span<const uint8_t> bytes) {
    if (bytes.size() < sizeof(Elf64_Ehdr))
        return fmt::format("Invalid ELF header len {}", bytes.size());
    Elf64_Ehdr h;
    std::memcpy(&h, bytes.data(), sizeof h);
    if (std::memcmp(h.e_ident, ELFMAG, SELFMAG) != 0)
        return "Invalid ELF header magic: != \x7f" "ELF";
    if (h.e_type != ET_REL)
        return fmt::format("Invalid ELF header type: {} != {}", h.e_type, ET_REL);
    if (h.e_machine != EM_X86_64 || h.e_ident[EI_CLASS] != ELFCLASS64)
        return fmt::format("Invalid architecture in ELF header: {}", h.e_machine);
    if (h.e_shentsize != sizeof(Elf64_Shdr))
        return "Invalid ELF section header size";
    if (h.e_shoff >= bytes.size() ||
        uint64_t(h.e_shnum) * sizeof(Elf64_Shdr) > bytes.size() - h.e_shoff)
        return "Invalid ELF section header overflow";
    return std::nullopt;
}

} // namespace ksim::loader
