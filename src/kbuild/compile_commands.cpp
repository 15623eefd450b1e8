// The JSON compilation database; see compile_commands.h.
#include "kbuild/compile_commands.h"

#include <nlohmann/json.hpp>

namespace ksim::kbuild {

void CompileDatabase::add(const std::string& directory, const std::string& file,
                          const std::vector<std::string>& arguments) {
    m_entries.push_back({directory, file, arguments});
}

std::string CompileDatabase::to_json() const {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& e : m_entries)
        j.push_back({{"directory", e.directory}, {"file", e.file}, {"arguments", e.arguments}});
    return j.dump(2) + "\n";
}

} // namespace ksim::kbuild
