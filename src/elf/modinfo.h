#pragma once
// The .modinfo section of a module: NUL-separated "key=value" strings, read
// the way kmod's libkmod reads them (kmod_elf_get_strings() and
// kmod_module_get_info()), so `ksim modinfo` and the loader agree with the
// real tools on every file, including odd and malformed ones.

#include "support/error_or.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ksim::elf {

struct ModinfoEntry {
    std::string key;
    std::string value; // empty when the string had no '='

    bool operator==(const ModinfoEntry&) const = default;
};

// Splits the bytes of a .modinfo section into entries in file order. Leading
// and repeated NULs are skipped and a missing final NUL is tolerated, as in
// libkmod.
std::vector<ModinfoEntry> parse_modinfo(std::span<const uint8_t> section);

// Finds .modinfo in a whole module image and parses it. Only the section
// headers and the section name table are trusted, exactly as much as libkmod
// trusts them; errors carry libkmod's errno: EINVAL (truncated or
// inconsistent headers), ENOEXEC (not ELF) or ENOENT (no .modinfo).
ErrorOr<std::vector<ModinfoEntry>> read_modinfo(std::span<const uint8_t> image);

// The first value of `key`, if any (what the loader wants for "license",
// "vermagic", ...).
std::optional<std::string_view> modinfo_value(const std::vector<ModinfoEntry>& entries,
                                              std::string_view key);

// One module parameter, assembled from its "parm=name:desc" and
// "parmtype=name:type" entries.
struct ModinfoParam {
    std::string name;
    std::optional<std::string> description;
    std::optional<std::string> type;
};

struct ModinfoParams {
    // In kmod's output order: the parameter seen first is printed last.
    std::vector<ModinfoParam> params;
    // The parm/parmtype entries without a ':' (kmod reports and skips them).
    std::vector<ModinfoEntry> invalid;
};

// Groups the parm and parmtype entries per parameter name; a later entry for
// the same name replaces an earlier description or type.
ModinfoParams group_params(const std::vector<ModinfoEntry>& entries);

} // namespace ksim::elf
