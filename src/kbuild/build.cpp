// The module build; see build.h. Each step prints the same progress line as
// kbuild ("  CC [M]  ", "  LD [M]  ", "  MODPOST "), so a module author sees
// a familiar build.
#include "kbuild/build.h"

#include "kbuild/compile_commands.h"
#include "kbuild/compiler.h"
#include "kbuild/kbuild_vars.h"
#include "kbuild/modpost.h"
#include "kbuild/symvers.h"
#include "kernel/kernel.h"
#include "support/process.h"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace ksim::kbuild {

namespace {

constexpr int kBuildFailed = 4;

void say(const std::string& text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
}

std::string join(const std::vector<std::string>& argv) {
    std::string out;
    for (const auto& a : argv)
        out += (out.empty() ? "" : " ") + a;
    return out;
}

// Runs one build command; shows its diagnostics as they are.
bool run_step(const BuildOptions& opt, const std::vector<std::string>& argv) {
    if (opt.verbose)
        say(join(argv) + "\n");
    ProcessResult r = run_process(argv, opt.dir);
    if (!r.output.empty()) {
        std::fwrite(r.output.data(), 1, r.output.size(), stderr);
        std::fflush(stderr);
    }
    return r.status == 0;
}

std::string stem_of(const std::string& object) {
    std::string base = object.substr(object.find_last_of('/') + 1);
    return base.substr(0, base.size() - 2);
}

std::string modname(std::string name) {
    for (char& c : name)
        if (c == '-')
            c = '_';
    return name;
}

bool write_file(const std::string& path, const std::string& content) {
    std::ofstream out(path, std::ios::trunc);
    out << content;
    return static_cast<bool>(out);
}

// A stable identifier of the module's sources, for MODULE_INFO(srcversion)
// (Linux uses an MD4 of the sources; the value only needs to change when
// they do).
std::string source_version(const std::vector<std::string>& sources) {
    uint64_t h1 = 1469598103934665603ull, h2 = 1099511628211ull;
    for (const auto& path : sources) {
        std::ifstream in(path, std::ios::binary);
        char c;
        while (in.get(c)) {
            h1 = (h1 ^ static_cast<unsigned char>(c)) * 1099511628211ull;
            h2 = (h2 + static_cast<unsigned char>(c)) * 6364136223846793005ull + 1;
        }
    }
    return fmt::format("{:X}{:011X}", h1 >> 12, h2 & 0xfffffffffffull);
}

} // namespace

int build_modules(const BuildOptions& opt) {
    std::string release = KernelConfig{}.release;
    auto vars_or = read_kbuild_vars(opt.dir, release);
    if (vars_or.is_error()) {
        std::fprintf(stderr, "%s", vars_or.error().message.c_str());
        if (!vars_or.error().message.ends_with("\n"))
            std::fputc('\n', stderr);
        return kBuildFailed;
    }
    KbuildVars vars = vars_or.release_value();
    std::vector<std::string> extra = vars.extra_symbols;
    extra.insert(extra.end(), opt.extra_symbols.begin(), opt.extra_symbols.end());

    CompileDatabase database;
    std::vector<ModpostModule> modules;
    std::vector<std::vector<std::string>> sources_of(vars.modules.size());
    // Compile every object first, as kbuild's first pass does.
    for (size_t i = 0; i < vars.modules.size(); ++i) {
        const ModuleSpec& spec = vars.modules[i];
        std::string name = modname(spec.name);
        for (const auto& object : spec.objects) {
            std::string obj_path = opt.dir + "/" + object;
            std::string source = obj_path.substr(0, obj_path.size() - 2) + ".c";
            if (!fs::exists(source)) {
                std::fprintf(stderr, "make[2]: *** No rule to make target '%s', needed by '%s'.  "
                                     "Stop.\n",
                             obj_path.c_str(),
                             (opt.dir + "/" + spec.name + (spec.composite ? ".o" : ".ko")).c_str());
                return kBuildFailed;
            }
            sources_of[i].push_back(source);
            std::vector<std::string> flags = vars.ccflags;
            if (auto it = vars.object_cflags.find(object); it != vars.object_cflags.end())
                flags.insert(flags.end(), it->second.begin(), it->second.end());
            auto cmd = compile_command(source, obj_path, stem_of(object), name, flags);
            database.add(opt.dir, source, cmd);
            say(fmt::format("  CC [M]  {}\n", obj_path));
            if (!run_step(opt, cmd))
                return kBuildFailed;
        }
    }
    for (size_t i = 0; i < vars.modules.size(); ++i) {
        const ModuleSpec& spec = vars.modules[i];
        std::string base = opt.dir + "/" + spec.name;
        if (spec.composite) {
            std::vector<std::string> inputs;
            for (const auto& o : spec.objects)
                inputs.push_back(opt.dir + "/" + o);
            say(fmt::format("  LD [M]  {}.o\n", base));
            if (!run_step(opt, link_command(base + ".o", inputs, false)))
                return kBuildFailed;
        }
        std::string mod_list;
        for (const auto& o : spec.objects)
            mod_list += opt.dir + "/" + o + "\n";
        write_file(base + ".mod", mod_list);
        modules.push_back({modname(spec.name), base + ".o", base, false, false, false, {}, {}});
    }

    say(fmt::format("  MODPOST {}/Module.symvers\n", opt.dir));
    ModpostResult post = run_modpost(modules, extra);
    if (!post.messages.empty()) {
        std::fwrite(post.messages.data(), 1, post.messages.size(), stderr);
        std::fflush(stderr);
    }
    if (post.failed)
        return kBuildFailed;
    std::vector<SymversEntry> exported;
    for (const auto& m : modules)
        exported.insert(exported.end(), m.exports.begin(), m.exports.end());
    write_file(opt.dir + "/Module.symvers", format_symvers(exported));

    std::string order;
    for (size_t i = 0; i < modules.size(); ++i) {
        const auto& m = modules[i];
        std::string mod_c = m.base + ".mod.c";
        write_file(mod_c, generate_mod_c(m, source_version(sources_of[i])));
        say(fmt::format("  CC [M]  {}.mod.o\n", m.base));
        auto cmd = compile_command(mod_c, m.base + ".mod.o", stem_of(m.base + ".mod.o"), m.name,
                                   vars.ccflags);
        if (!run_step(opt, cmd))
            return kBuildFailed;
        say(fmt::format("  LD [M]  {}.ko\n", m.base));
        if (!run_step(opt, link_command(m.base + ".ko", {m.base + ".o", m.base + ".mod.o"}, true)))
            return kBuildFailed;
        order += m.base + ".ko\n";
    }
    write_file(opt.dir + "/modules.order", order);
    write_file(opt.dir + "/compile_commands.json", database.to_json());
    return 0;
}

int clean_modules(const BuildOptions& opt) {
    auto vars = read_kbuild_vars(opt.dir, KernelConfig{}.release);
    std::vector<std::string> remove = {"Module.symvers", "modules.order", "compile_commands.json"};
    if (!vars.is_error()) {
        for (const auto& spec : vars.value().modules) {
            for (const auto& o : spec.objects)
                remove.push_back(o);
            for (const char* ext : {".o", ".ko", ".mod", ".mod.c", ".mod.o"})
                remove.push_back(spec.name + ext);
        }
    }
    if (fs::exists(opt.dir + "/Module.symvers"))
        say(fmt::format("  CLEAN   {}/Module.symvers\n", opt.dir));
    for (const auto& f : remove) {
        std::error_code ec;
        fs::remove(opt.dir + "/" + f, ec);
    }
    return 0;
}

} // namespace ksim::kbuild
