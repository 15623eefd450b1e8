// Module.symvers reading and writing; see symvers.h.
#include "kbuild/symvers.h"

#include "api/export.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace ksim::kbuild {

std::string format_symvers(const std::vector<SymversEntry>& entries) {
    std::string out;
    for (const auto& e : entries)
        out += fmt::format("0x00000000\t{}\t{}\t{}\t\n", e.symbol, e.module,
                           e.gpl_only ? "EXPORT_SYMBOL_GPL" : "EXPORT_SYMBOL");
    return out;
}

ErrorOr<std::vector<SymversEntry>> parse_symvers(const std::string& text) {
    std::vector<SymversEntry> entries;
    std::istringstream in(text);
    std::string line;
    int line_number = 0;
    while (std::getline(in, line)) {
        ++line_number;
        if (line.empty())
            continue;
        std::vector<std::string> fields;
        std::string field;
        std::istringstream fs(line);
        while (std::getline(fs, field, '\t'))
            fields.push_back(field);
        if (fields.size() < 4)
            return Error::from_errno(EINVAL, fmt::format("line {}: expected at least 4 "
                                                         "tab-separated fields",
                                                         line_number));
        entries.push_back({fields[1], fields[2], fields[3] == "EXPORT_SYMBOL_GPL"});
    }
    return entries;
}

ErrorOr<std::vector<SymversEntry>> read_symvers(const std::string& path) {
    std::ifstream in(path);
    if (!in)
        return Error::from_errno(ENOENT, path + ": No such file or directory");
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = parse_symvers(text.str());
    if (parsed.is_error())
        return Error::from_errno(EINVAL, path + ": " + parsed.error().message);
    return parsed;
}

std::vector<SymversEntry> kernel_symvers() {
    std::vector<SymversEntry> entries;
    for (const auto& e : kernel_exports())
        entries.push_back({e.name, "vmlinux", e.gpl_only});
    return entries;
}

} // namespace ksim::kbuild
