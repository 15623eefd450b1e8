#pragma once
// compile_commands.json for a module directory, so clangd and other tools
// see the module sources with ksim's headers and flags.

#include <string>
#include <vector>

namespace ksim::kbuild {

class CompileDatabase {
  public:
    void add(const std::string& directory, const std::string& file,
             const std::vector<std::string>& arguments);
    std::string to_json() const;

  private:
    struct Entry {
        std::string directory, file;
        std::vector<std::string> arguments;
    };
    std::vector<Entry> m_entries;
};

} // namespace ksim::kbuild
