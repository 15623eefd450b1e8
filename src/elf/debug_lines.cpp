// libdwfl-backed line lookup for relocatable objects; see debug_lines.h.
#include "elf/debug_lines.h"

#include "elf/elf_file.h"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <gelf.h>

#include <fmt/core.h>

#include <cstdlib>
#include <optional>

namespace ksim::elf {

namespace {

struct DwflDeleter {
    void operator()(Dwfl* dwfl) const { dwfl_end(dwfl); }
};

// Offline reporting: no process, no debuginfo search paths beyond the file
// itself; dwfl_offline_section_address gives each SHF_ALLOC section of an
// ET_REL object its own address range.
const Dwfl_Callbacks k_offline_callbacks = {
    .find_elf = dwfl_build_id_find_elf,
    .find_debuginfo = dwfl_standard_find_debuginfo,
    .section_address = dwfl_offline_section_address,
    .debuginfo_path = nullptr,
};

// Code inlined into a function (kmalloc() from <linux/slab.h> in a module's
// init, say) has line records of the inlined header. Reports want the line
// of the module's own source that the inlining came from: the call site of
// the outermost inlined scope around the address.
void use_outermost_call_site(Dwfl_Module* module, Dwarf_Addr address, SourceLocation& location) {
    Dwarf_Addr bias = 0;
    Dwarf_Die* cu = dwfl_module_addrdie(module, address, &bias);
    if (cu == nullptr)
        return;
    Dwarf_Die* scopes = nullptr;
    int count = dwarf_getscopes(cu, address - bias, &scopes);
    if (count <= 0)
        return;
    int outermost = -1;
    for (int i = 0; i < count; ++i)
        if (dwarf_tag(&scopes[i]) == DW_TAG_inlined_subroutine)
            outermost = i;
    if (outermost >= 0) {
        Dwarf_Attribute attr;
        Dwarf_Word file_index = 0, line = 0;
        Dwarf_Files* files = nullptr;
        size_t file_count = 0;
        if (dwarf_formudata(dwarf_attr(&scopes[outermost], DW_AT_call_file, &attr),
                            &file_index) == 0 &&
            dwarf_formudata(dwarf_attr(&scopes[outermost], DW_AT_call_line, &attr), &line) == 0 &&
            dwarf_getsrcfiles(cu, &files, &file_count) == 0 && file_index < file_count) {
            if (const char* name = dwarf_filesrc(files, file_index, nullptr, nullptr)) {
                location.file = name;
                location.line = static_cast<int>(line);
                location.column = 0;
            }
        }
    }
    free(scopes);
}

Error dwfl_failure(const std::string& name, const char* what) {
    return Error::from_errno(EINVAL, fmt::format("{}: {}: {}", name, what, dwfl_errmsg(-1)));
}

} // namespace

struct DebugLines::State {
    // libdwfl reads (and relocates in place) this buffer for the Dwfl's life.
    std::vector<char> bytes;
    std::string name;
    std::unique_ptr<Dwfl, DwflDeleter> dwfl;
    Dwfl_Module* module = nullptr;
};

std::string SourceLocation::to_string() const {
    return fmt::format("{}:{}", file, line);
}

DebugLines::DebugLines(std::unique_ptr<State> state) : m_state(std::move(state)) {}
DebugLines::DebugLines(DebugLines&&) noexcept = default;
DebugLines& DebugLines::operator=(DebugLines&&) noexcept = default;
DebugLines::~DebugLines() = default;

ErrorOr<DebugLines> DebugLines::open(const std::string& path) {
    auto bytes = KSIM_TRY(read_file(path));
    return from_bytes(bytes, path);
}

ErrorOr<DebugLines> DebugLines::from_bytes(std::span<const uint8_t> bytes, std::string name) {
    auto state = std::make_unique<State>();
    state->bytes.assign(bytes.begin(), bytes.end());
    state->name = std::move(name);
    state->dwfl.reset(dwfl_begin(&k_offline_callbacks));
    if (!state->dwfl)
        return dwfl_failure(state->name, "cannot start libdwfl");
    state->module =
        dwfl_report_offline_memory(state->dwfl.get(), state->name.c_str(), state->name.c_str(),
                                   state->bytes.data(), state->bytes.size());
    if (state->module == nullptr)
        return dwfl_failure(state->name, "cannot read object");
    if (dwfl_report_end(state->dwfl.get(), nullptr, nullptr) != 0)
        return dwfl_failure(state->name, "cannot finish reporting");
    return DebugLines(std::move(state));
}

ErrorOr<SourceLocation> DebugLines::lookup(std::string_view section, uint64_t offset) {
    Dwarf_Addr bias = 0;
    Elf* elf = dwfl_module_getelf(m_state->module, &bias);
    if (elf == nullptr)
        return dwfl_failure(m_state->name, "no ELF");
    size_t names_index = 0;
    if (elf_getshdrstrndx(elf, &names_index) != 0)
        return dwfl_failure(m_state->name, "no section names");

    // libdwfl has written the address it chose for each allocated section
    // into that section's sh_addr.
    std::optional<Dwarf_Addr> address;
    for (Elf_Scn* scn = elf_nextscn(elf, nullptr); scn != nullptr; scn = elf_nextscn(elf, scn)) {
        GElf_Shdr header;
        if (gelf_getshdr(scn, &header) == nullptr || !(header.sh_flags & SHF_ALLOC))
            continue;
        const char* name = elf_strptr(elf, names_index, header.sh_name);
        if (name == nullptr || section != name)
            continue;
        if (offset >= header.sh_size)
            return Error::from_errno(ENOENT, fmt::format("{}: offset {:#x} is outside {}",
                                                         m_state->name, offset, section));
        address = header.sh_addr + bias + offset;
        break;
    }
    if (!address)
        return Error::from_errno(ENOENT, fmt::format("{}: no section {}", m_state->name, section));

    Dwfl_Line* line = dwfl_module_getsrc(m_state->module, *address);
    if (line == nullptr)
        return Error::from_errno(ENOENT, fmt::format("{}: no line information for {}+{:#x}",
                                                     m_state->name, section, offset));
    SourceLocation location;
    const char* file =
        dwfl_lineinfo(line, nullptr, &location.line, &location.column, nullptr, nullptr);
    if (file == nullptr)
        return dwfl_failure(m_state->name, "bad line record");
    location.file = file;
    if (const char* function = dwfl_module_addrname(m_state->module, *address))
        location.function = function;
    use_outermost_call_site(m_state->module, *address, location);
    return location;
}

} // namespace ksim::elf
