// Reading a module directory's kbuild variables through GNU make; see
// kbuild_vars.h.
#include "kbuild/kbuild_vars.h"

#include "support/process.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

namespace ksim::kbuild {

std::vector<std::string> split_words(const std::string& value) {
    std::vector<std::string> words;
    std::istringstream in(value);
    std::string w;
    while (in >> w)
        words.push_back(w);
    return words;
}

ErrorOr<KbuildVars> read_kbuild_vars(const std::string& dir, const std::string& release) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return Error::from_errno(ENOENT, fmt::format("{}: No such file or directory", dir));
    if (!fs::exists(dir + "/Kbuild", ec) && !fs::exists(dir + "/Makefile", ec))
        return Error::from_errno(ENOENT, fmt::format("{}: no Kbuild or Makefile", dir));

    std::string vars_makefile = std::string(KSIM_KDIR) + "/scripts/Makefile.vars";
    ProcessResult make = run_process({"make", "--no-print-directory", "-s", "-f", vars_makefile,
                                      "M=" + dir, "KERNELRELEASE=" + release,
                                      "ksim-print-vars"},
                                     dir);
    KbuildVars vars;
    std::string obj_m;
    std::map<std::string, std::string> objs_of;
    std::string diagnostics;
    std::istringstream lines(make.output);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.rfind("ksim-var ", 0) != 0) {
            diagnostics += line + "\n";
            continue;
        }
        std::string body = line.substr(9);
        size_t eq = body.find('=');
        std::string name = body.substr(0, eq);
        std::string value = eq == std::string::npos ? "" : body.substr(eq + 1);
        if (name == "obj-m")
            obj_m = value;
        else if (name.rfind("objs-of-", 0) == 0)
            objs_of[name.substr(8)] = value;
        else if (name == "ccflags")
            vars.ccflags = split_words(value);
        else if (name == "KBUILD_EXTRA_SYMBOLS")
            vars.extra_symbols = split_words(value);
        else if (name.rfind("CFLAGS_", 0) == 0)
            vars.object_cflags[name.substr(7)] = split_words(value);
    }
    if (make.status != 0)
        return Error::from_errno(EINVAL, diagnostics.empty()
                                             ? fmt::format("make failed on {}", dir)
                                             : diagnostics);
    for (const auto& entry : split_words(obj_m)) {
        if (entry.size() < 3 || !entry.ends_with(".o"))
            return Error::from_errno(EINVAL, fmt::format("{}: obj-m entry '{}' is not supported "
                                                         "(only <module>.o)",
                                                         dir, entry));
        ModuleSpec spec;
        spec.name = entry.substr(0, entry.size() - 2);
        auto parts = split_words(objs_of[spec.name]);
        if (parts.empty()) {
            spec.objects = {entry};
        } else {
            spec.composite = true;
            for (const auto& p : parts)
                if (std::find(spec.objects.begin(), spec.objects.end(), p) == spec.objects.end())
                    spec.objects.push_back(p);
        }
        vars.modules.push_back(std::move(spec));
    }
    if (vars.modules.empty())
        return Error::from_errno(EINVAL, fmt::format("{}: no modules to build (obj-m is empty)",
                                                     dir));
    return vars;
}

} // namespace ksim::kbuild
