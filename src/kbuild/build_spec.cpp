// Reading obj-m and friends from a module directory; see build_spec.h.
#include "kbuild/build_spec.h"

#include "kbuild/process.h"

#include <fmt/format.h>

#include <filesystem>
#include <sstream>

namespace ksim::kbuild {

namespace fs = std::filesystem;

std::vector<std::string> split_words(const std::string& text) {
    std::vector<std::string> words;
    std::istringstream in(text);
    std::string word;
    while (in >> word)
        words.push_back(word);
    return words;
}

namespace {

// Makefile.vars marks its lines, so that what the user's Makefile itself
// prints ($(info), $(warning)) cannot be taken for a variable.
constexpr std::string_view k_prefix = "ksim-var ";

// The value of the first "ksim-var NAME=" line, and whether there was one.
bool find_var(const std::string& output, const std::string& name, std::string& value) {
    std::istringstream in(output);
    std::string line;
    std::string key = std::string(k_prefix) + name + "=";
    while (std::getline(in, line)) {
        if (line.starts_with(key)) {
            value = line.substr(key.size());
            return true;
        }
    }
    return false;
}

std::vector<std::string> var_words(const std::string& output, const std::string& name) {
    std::string value;
    find_var(output, name, value);
    return split_words(value);
}

} // namespace

ErrorOr<BuildSpec> parse_build_vars(const std::string& dir, const std::string& output) {
    BuildSpec spec;
    spec.dir = dir;
    for (const auto& word : var_words(output, "obj-m")) {
        if (!word.ends_with(".o"))
            return Error::from_errno(
                EINVAL,
                fmt::format("{}: obj-m names '{}', which is not an object (.o) file", dir, word));
        ModuleSpec mod;
        mod.name = word.substr(0, word.size() - 2);
        // kbuild only builds objects in the module's own directory for obj-m;
        // a subdirectory path would need its own Makefile.
        if (mod.name.find('/') != std::string::npos)
            return Error::from_errno(
                EINVAL,
                fmt::format("{}: obj-m entry '{}' in a subdirectory is not supported", dir, word));
        bool duplicate = false;
        for (const auto& m : spec.modules)
            duplicate |= m.name == mod.name;
        if (duplicate)
            continue; // kbuild builds a module once even when obj-m repeats it
        for (const auto& part : var_words(output, "objs-of-" + mod.name))
            mod.objects.push_back(part);
        if (mod.objects.empty()) {
            mod.objects.push_back(word);
        } else {
            mod.composite = true;
            for (const auto& part : mod.objects)
                if (part == word)
                    return Error::from_errno(
                        EINVAL, fmt::format("{}: module {} lists itself ({}) in {}-objs", dir,
                                            mod.name, word, mod.name));
        }
        spec.modules.push_back(std::move(mod));
    }
    spec.ccflags = var_words(output, "ccflags");
    spec.extra_symbols = var_words(output, "KBUILD_EXTRA_SYMBOLS");
    std::istringstream in(output);
    std::string line;
    while (std::getline(in, line)) {
        std::string key = std::string(k_prefix) + "CFLAGS_";
        if (!line.starts_with(key))
            continue;
        auto eq = line.find('=');
        if (eq == std::string::npos)
            continue;
        spec.file_cflags[line.substr(key.size(), eq - key.size())] =
            split_words(line.substr(eq + 1));
    }
    return spec;
}

ErrorOr<BuildSpec> read_build_spec(const std::string& dir, const std::string& kdir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return Error::from_errno(ENOENT, fmt::format("{}: No such directory", dir));
    bool has_kbuild = fs::exists(dir + "/Kbuild", ec);
    if (!has_kbuild && !fs::exists(dir + "/Makefile", ec))
        return Error::from_errno(ENOENT,
                                 fmt::format("{}: no Kbuild or Makefile (it must set obj-m)", dir));
    auto result =
        KSIM_TRY(run_process({"make", "-s", "--no-print-directory", "-f",
                              kdir + "/scripts/Makefile.vars", "M=" + dir, "ksim-print-vars"},
                             true));
    std::string file = dir + (has_kbuild ? "/Kbuild" : "/Makefile");
    if (result.exit_status != 0)
        return Error::from_errno(EINVAL,
                                 fmt::format("{}: make could not evaluate it (exit status {})",
                                             file, result.exit_status));
    auto spec = KSIM_TRY(parse_build_vars(dir, result.output));
    if (spec.modules.empty())
        return Error::from_errno(
            EINVAL, fmt::format("{}: no modules to build (obj-m is empty; add 'obj-m += "
                                "<name>.o')",
                                file));
    return spec;
}

} // namespace ksim::kbuild
