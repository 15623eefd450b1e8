// File helpers of the module build; see build_files.h.
#include "kbuild/build_files.h"

#include <fstream>
#include <sstream>

namespace ksim::kbuild {

namespace fs = std::filesystem;

std::vector<std::string> read_dependencies(const std::string& depfile) {
    std::string text = read_text(depfile);
    std::vector<std::string> deps;
    std::string word;
    bool seen_target = false;
    auto flush = [&] {
        if (word.empty())
            return;
        if (!seen_target) {
            if (word.back() == ':')
                seen_target = true;
        } else if (word != ":") {
            deps.push_back(word);
        }
        word.clear();
    };
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\\' && i + 1 < text.size()) {
            char next = text[i + 1];
            if (next == '\n') {
                ++i;
                flush();
                continue;
            }
            if (next == ' ') { // an escaped space inside a path
                word += ' ';
                ++i;
                continue;
            }
        }
        if (c == ' ' || c == '\t' || c == '\n') {
            flush();
            // gcc adds no phony targets (-MP is not used), so one rule only.
            if (c == '\n' && seen_target && !deps.empty())
                break;
            continue;
        }
        word += c;
    }
    flush();
    return deps;
}

bool is_stale(const std::string& target, const std::vector<std::string>& inputs) {
    std::error_code ec;
    auto target_time = fs::last_write_time(target, ec);
    if (ec)
        return true;
    for (const auto& input : inputs) {
        auto t = fs::last_write_time(input, ec);
        if (ec || t > target_time)
            return true;
    }
    return false;
}

bool write_if_changed(const std::string& path, const std::string& text) {
    std::error_code ec;
    if (fs::exists(path, ec) && read_text(path) == text)
        return true;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    return bool(out);
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace ksim::kbuild
