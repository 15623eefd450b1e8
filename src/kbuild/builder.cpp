// The module build driver; see builder.h. Line formats are kbuild's quiet_cmd_*
// strings of Linux 6.1 (scripts/Makefile.build, Makefile.modpost,
// Makefile.modfinal and the top-level Makefile's clean).
#include "kbuild/builder.h"

#include "kbuild/build_files.h"
#include "kbuild/build_spec.h"
#include "kbuild/compile.h"
#include "kbuild/modpost.h"
#include "kbuild/process.h"
#include "kbuild/symvers.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>

namespace ksim::kbuild {

namespace fs = std::filesystem;

namespace {

struct Step {
    const BuildOptions& options;
    const std::string& dir;
    std::vector<CompileCommand>& commands;

    // kbuild's short line, or the command with V=1, or nothing under make -s.
    void announce(const char* tag, const std::string& target,
                  const std::vector<std::string>& argv) {
        if (options.verbose)
            fmt::print("{}\n", command_line(argv));
        else if (!options.silent)
            fmt::print("  {:<8}{}\n", tag, target);
    }

    // Prints what announce() prints and runs the command.
    bool run(const char* tag, const std::string& target, const std::vector<std::string>& argv) {
        announce(tag, target, argv);
        auto result = run_process(argv, false);
        if (result.is_error()) {
            fmt::print(stderr, "ksim: {}\n", result.error().message);
            return false;
        }
        if (result.value().exit_status != 0) {
            // What make prints when a recipe fails inside kbuild's sub-make.
            fmt::print(stderr, "make[1]: *** [{}/Makefile: {}] Error {}\n", options.kdir, target,
                       result.value().exit_status);
            std::error_code ec;
            fs::remove(target, ec); // .DELETE_ON_ERROR, as kbuild
            return false;
        }
        return true;
    }

    // The .cmd file kbuild keeps next to each target: the last command line,
    // so a change of flags rebuilds even when no file changed.
    static std::string cmd_file(const std::string& target) {
        fs::path p(target);
        return (p.parent_path() / ("." + p.filename().string() + ".cmd")).string();
    }

    bool command_changed(const std::string& target, const std::vector<std::string>& argv) {
        return read_text(cmd_file(target)) != command_line(argv) + "\n";
    }

    void remember_command(const std::string& target, const std::vector<std::string>& argv) {
        write_if_changed(cmd_file(target), command_line(argv) + "\n");
    }
};

// KBUILD_MODNAME: the module's name with '-' turned into '_', as kbuild's
// scripts/Makefile.lib does (module names are C identifiers inside).
std::string c_name(std::string name) {
    std::replace(name.begin(), name.end(), '-', '_');
    return name;
}

std::string dep_file(const std::string& object) {
    fs::path p(object);
    return (p.parent_path() / ("." + p.filename().string() + ".d")).string();
}

// The files srcversion sums for one object: its source and the headers gcc
// read from the object's own directory (scripts/mod/sumversion.c).
void add_srcversion_files(const std::string& object, const std::string& source,
                          std::vector<std::string>& files) {
    files.push_back(source);
    std::string dir = fs::path(object).parent_path().string();
    for (const auto& dep : read_dependencies(dep_file(object))) {
        if (dep == source || fs::path(dep).parent_path().string() != dir)
            continue;
        files.push_back(dep);
    }
}

} // namespace

bool build_modules(const BuildOptions& options) {
    std::error_code ec;
    std::string dir = fs::weakly_canonical(fs::absolute(options.dir), ec).string();
    while (dir.size() > 1 && dir.back() == '/')
        dir.pop_back();
    auto spec_or = read_build_spec(dir, options.kdir);
    if (spec_or.is_error()) {
        fmt::print(stderr, "ksim: {}\n", spec_or.error().message);
        return false;
    }
    auto spec = spec_or.release_value();
    // A KBUILD_EXTRA_SYMBOLS given to make also reaches the Makefile's
    // evaluation, so the same file can arrive twice.
    for (const auto& f : options.extra_symbols)
        if (std::find(spec.extra_symbols.begin(), spec.extra_symbols.end(), f) ==
            spec.extra_symbols.end())
            spec.extra_symbols.push_back(f);

    std::vector<CompileCommand> commands;
    Step step{options, dir, commands};
    bool any_rebuilt = false;
    std::vector<ModpostInput> inputs;
    std::vector<std::vector<std::string>> sources;

    // Objects, in obj-m order (scripts/Makefile.build).
    for (const auto& mod : spec.modules) {
        std::vector<std::string> objects;
        std::vector<std::string> files;
        for (const auto& part : mod.objects) {
            std::string object = dir + "/" + part;
            std::string stem = object.substr(0, object.size() - 2);
            std::string source = stem + ".c";
            if (!fs::exists(source, ec)) {
                fmt::print(stderr,
                           "make[1]: *** No rule to make target '{}', needed by '{}/'.  "
                           "Stop.\nksim: module {} has no source file {}\n",
                           object, dir, mod.name, source);
                return false;
            }
            auto argv = compile_argv(spec, options.include_dir, c_name(mod.name), source, object,
                                     dep_file(object));
            commands.push_back({dir, source, argv});
            auto deps = read_dependencies(dep_file(object));
            deps.push_back(source);
            if (is_stale(object, deps) || step.command_changed(object, argv)) {
                if (!step.run("CC [M]", object, argv))
                    return false;
                step.remember_command(object, argv);
                any_rebuilt = true;
            }
            objects.push_back(object);
            add_srcversion_files(object, source, files);
        }
        std::string module_object = dir + "/" + mod.name + ".o";
        if (mod.composite) {
            auto argv = link_objects_argv(module_object, objects);
            if (is_stale(module_object, objects) || step.command_changed(module_object, argv)) {
                if (!step.run("LD [M]", module_object, argv))
                    return false;
                step.remember_command(module_object, argv);
                any_rebuilt = true;
            }
        }
        // <mod>.mod: the module's objects, one per line (read by modpost).
        std::string list;
        for (const auto& o : objects)
            list += o + "\n";
        write_if_changed(dir + "/" + mod.name + ".mod", list);
        inputs.push_back({dir + "/" + mod.name, module_object});
        sources.push_back(std::move(files));
    }
    std::string order;
    for (const auto& in : inputs)
        order += in.path + ".ko\n";
    write_if_changed(dir + "/modules.order", order);
    write_if_changed(dir + "/compile_commands.json", format_compile_commands(commands));

    // modpost (scripts/Makefile.modpost), only when an input changed.
    std::string symvers = dir + "/Module.symvers";
    std::vector<std::string> modpost_inputs;
    for (const auto& in : inputs)
        modpost_inputs.push_back(in.object);
    for (const auto& f : spec.extra_symbols)
        modpost_inputs.push_back(f);
    modpost_inputs.push_back(options.kdir + "/Module.symvers");
    // What modpost would be run with; a different list (say, another
    // KBUILD_EXTRA_SYMBOLS) reruns it, as kbuild's .Module.symvers.cmd does.
    std::vector<std::string> modpost_argv = {"ksim", "modpost", "-o", symvers};
    modpost_argv.insert(modpost_argv.end(), modpost_inputs.begin(), modpost_inputs.end());
    bool need_modpost = any_rebuilt || is_stale(symvers, modpost_inputs) ||
                        step.command_changed(symvers, modpost_argv);
    for (const auto& in : inputs)
        need_modpost |= !fs::exists(in.path + ".mod.c", ec);
    if (need_modpost) {
        step.announce("MODPOST", symvers, modpost_argv);
        ModpostOptions mp;
        auto kernel = read_symvers(options.kdir + "/Module.symvers");
        mp.kernel_symbols = kernel.is_error() ? kernel_symvers() : kernel.release_value();
        for (const auto& f : spec.extra_symbols) {
            auto extra = read_symvers(f);
            if (extra.is_error()) {
                // modpost's read_text_file() reports a missing file with
                // perror() and exits; make then reports the failed target.
                fmt::print(stderr, "{}\n", extra.error().message);
                fmt::print(stderr, "make[1]: *** [{}/Makefile: {}] Error 1\n", options.kdir,
                           symvers);
                return false;
            }
            auto entries = extra.release_value();
            mp.extra_symbols.insert(mp.extra_symbols.end(), entries.begin(), entries.end());
        }
        mp.srcversion_files = sources;
        auto result = run_modpost(inputs, mp);
        if (result.is_error()) {
            fmt::print(stderr, "FATAL: modpost: {}\n", result.error().message);
            return false;
        }
        fflush(stdout);
        for (const auto& line : result.value().messages)
            fmt::print(stderr, "{}\n", line);
        if (result.value().failed) {
            fmt::print(stderr, "make[1]: *** [{}/Makefile: {}] Error 1\n", options.kdir, symvers);
            fs::remove(symvers, ec);
            return false;
        }
        for (const auto& m : result.value().modules)
            write_if_changed(m.path + ".mod.c", m.mod_c);
        if (!write_if_changed(symvers, format_symvers(result.value().exports))) {
            fmt::print(stderr, "ksim: cannot write {}\n", symvers);
            return false;
        }
        // Touch it so that it is newer than its inputs even when unchanged.
        fs::last_write_time(symvers, fs::file_time_type::clock::now(), ec);
        step.remember_command(symvers, modpost_argv);
    }

    // The final link (scripts/Makefile.modfinal), modules in sorted order.
    auto sorted = inputs;
    std::sort(sorted.begin(), sorted.end(),
              [](const auto& a, const auto& b) { return a.path < b.path; });
    for (const auto& in : sorted) {
        std::string name = fs::path(in.path).filename().string();
        std::string mod_c = in.path + ".mod.c";
        std::string mod_o = in.path + ".mod.o";
        auto argv =
            compile_argv(spec, options.include_dir, c_name(name), mod_c, mod_o, dep_file(mod_o));
        auto deps = read_dependencies(dep_file(mod_o));
        deps.push_back(mod_c);
        if (is_stale(mod_o, deps) || step.command_changed(mod_o, argv)) {
            if (!step.run("CC [M]", mod_o, argv))
                return false;
            step.remember_command(mod_o, argv);
        }
        std::string ko = in.path + ".ko";
        auto link = link_ko_argv(ko, in.object, mod_o);
        if (is_stale(ko, {in.object, mod_o}) || step.command_changed(ko, link)) {
            if (!step.run("LD [M]", ko, link))
                return false;
            step.remember_command(ko, link);
        }
    }
    return true;
}

bool clean_modules(const BuildOptions& options) {
    std::error_code ec;
    std::string dir = fs::weakly_canonical(fs::absolute(options.dir), ec).string();
    while (dir.size() > 1 && dir.back() == '/')
        dir.pop_back();
    if (!fs::is_directory(dir, ec)) {
        fmt::print(stderr, "ksim: {}: No such directory\n", dir);
        return false;
    }
    // The top-level Makefile's rm-files for M= builds, printed when present.
    std::vector<std::string> listed;
    for (const char* name : {"Module.symvers", "modules.nsdeps", "compile_commands.json"})
        if (fs::exists(dir + "/" + name, ec))
            listed.push_back(dir + "/" + name);
    if (!listed.empty() && !options.silent)
        fmt::print("  CLEAN   {}\n", fmt::join(listed, " "));
    for (const auto& f : listed)
        fs::remove(f, ec);
    // Then, silently, the build products anywhere below the directory (the
    // same name patterns as the top-level Makefile's `find ... | xargs rm`).
    auto matches = [](const std::string& n) {
        auto ends = [&](const char* s) { return n.ends_with(s); };
        bool hidden = n.starts_with(".");
        return ends(".o") || ends(".a") || ends(".i") || ends(".s") || ends(".ko") ||
               n.find(".ko.") != std::string::npos || ends(".mod") || ends(".mod.c") ||
               ends(".su") || ends(".dwo") || ends(".lst") || ends(".symtypes") ||
               n == "modules.order" || (hidden && (ends(".cmd") || ends(".d") || ends(".tmp"))) ||
               n.starts_with(".tmp_");
    };
    std::vector<fs::path> doomed;
    for (auto it = fs::recursive_directory_iterator(dir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && matches(it->path().filename().string()))
            doomed.push_back(it->path());
    }
    for (const auto& p : doomed)
        fs::remove(p, ec);
    return true;
}

} // namespace ksim::kbuild
