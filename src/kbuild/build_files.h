#pragma once
// Small file helpers of the module build: up-to-date checks against gcc's
// dependency files and writing a file only when its contents change (so the
// modification times that drive rebuilds stay meaningful).

#include <filesystem>
#include <string>
#include <vector>

namespace ksim::kbuild {

// The prerequisites listed in a make-style dependency file (gcc -MD),
// without the target; empty if the file is missing.
std::vector<std::string> read_dependencies(const std::string& depfile);

// True if `target` is missing or older than any of `inputs` (a missing input
// counts as newer).
bool is_stale(const std::string& target, const std::vector<std::string>& inputs);

// Writes `text` to `path` unless the file already holds exactly that.
// Returns false on an I/O error.
bool write_if_changed(const std::string& path, const std::string& text);

// The whole file, or an empty string.
std::string read_text(const std::string& path);

} // namespace ksim::kbuild
