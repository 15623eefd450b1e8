// `ksim modinfo`: prints a module's .modinfo exactly as kmod 30's modinfo
// (tools/modinfo.c) does: same field order, padding, parameter grouping,
// separators and error messages. A NAME that is not a .ko file is looked up
// as NAME.ko in the current directory instead of /lib/modules.
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "elf/elf_file.h"
#include "elf/modinfo.h"
#include "elf/module_signature.h"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>

namespace ksim::cli {

namespace {

struct ModinfoOptions {
    std::optional<std::string> field; // print only this key's values
    char separator = '\n';
};

// Output goes through one buffer written with fwrite, because with -0 the
// lines are NUL-terminated.
class Printer {
  public:
    explicit Printer(char separator) : m_separator(separator) {}
    void line(std::string_view text) {
        m_out.append(text);
        m_out.push_back(m_separator);
    }
    // "key:" padded to 16 columns as kmod's "%s:%-*s" does; a key longer than
    // 15 characters gets (length - 15) spaces, because printf reads a
    // negative width as left alignment with its absolute value.
    void field(std::string_view key, std::string_view value) {
        int pad = std::abs(15 - int(key.size()));
        line(fmt::format("{}:{:{}}{}", key, "", pad, value));
    }
    void flush() {
        std::fwrite(m_out.data(), 1, m_out.size(), stdout);
        std::fflush(stdout);
        m_out.clear();
    }

  private:
    std::string m_out;
    char m_separator;
};

void error(std::string_view message) {
    std::fflush(stdout);
    fmt::print(stderr, "modinfo: ERROR: {}\n", message);
}

// The module name kmod derives from a path: the basename up to its first
// '.', with '-' read as '_' (shared/util.c modname_normalize()).
std::string modname_from_path(const std::string& path) {
    std::string base = path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1);
    std::string name;
    for (char c : base) {
        if (c == '.')
            break;
        name.push_back(c == '-' ? '_' : c);
    }
    return name;
}

// kmod prefixes a relative path with the working directory, unnormalized.
std::string absolute_path(const std::string& path) {
    if (!path.empty() && path[0] == '/')
        return path;
    std::error_code ec;
    auto cwd = std::filesystem::current_path(ec);
    return (ec ? std::string(".") : cwd.string()) + "/" + path;
}

bool is_module_filename(const std::string& path) {
    struct stat st;
    if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
        return false;
    for (std::string_view ext : {".ko", ".ko.xz", ".ko.zst"})
        if (path.size() > ext.size() && path.ends_with(ext))
            return true;
    return false;
}

std::string underscores(std::string_view name) {
    std::string out(name);
    std::replace(out.begin(), out.end(), '-', '_');
    return out;
}

// NAME.ko in the working directory, with '-' and '_' interchangeable.
std::optional<std::string> find_in_cwd(const std::string& name) {
    if (name.empty() || name.find('/') != std::string::npos)
        return std::nullopt;
    std::string exact = name + ".ko";
    if (is_module_filename(exact))
        return exact;
    std::error_code ec;
    std::string wanted = underscores(name);
    for (const auto& entry : std::filesystem::directory_iterator(".", ec)) {
        std::string file = entry.path().filename().string();
        if (file.size() > 3 && file.ends_with(".ko") &&
            underscores(file.substr(0, file.size() - 3)) == wanted && is_module_filename(file))
            return file;
    }
    return std::nullopt;
}

void print_params(Printer& out, const elf::ModinfoParams& grouped, bool only_params) {
    for (const auto& p : grouped.params) {
        std::string text = p.name + ":";
        if (!p.description)
            text += only_params ? " (" + *p.type + ")" : *p.type;
        else if (p.type)
            text += *p.description + " (" + *p.type + ")";
        else
            text += *p.description;
        if (only_params)
            out.line(text);
        else
            out.field("parm", text);
    }
}

void report_invalid_params(const elf::ModinfoParams& grouped) {
    for (const auto& bad : grouped.invalid)
        error(fmt::format("Found invalid \"{}={}\": missing ':'", bad.key, bad.value));
}

// kmod's modinfo_do() for one module file; false on error.
bool show_module(const std::string& path, const ModinfoOptions& options) {
    Printer out(options.separator);
    const std::string filename = absolute_path(path);
    if (options.field == "filename") {
        out.line(filename);
        out.flush();
        return true;
    }
    if (!options.field)
        out.line(fmt::format("{:<16}{}", "filename:", filename));
    out.flush();

    auto bytes = elf::read_file(filename);
    ErrorOr<std::vector<elf::ModinfoEntry>> entries =
        bytes.is_error() ? ErrorOr<std::vector<elf::ModinfoEntry>>(bytes.error())
                         : elf::read_modinfo(bytes.value());
    if (entries.is_error()) {
        error(fmt::format("could not get modinfo from '{}': {}", modname_from_path(path),
                          std::strerror(entries.error().code)));
        return false;
    }
    auto list = entries.release_value();
    // kmod lists the signature's fields after the .modinfo strings.
    if (auto signature = elf::read_module_signature(bytes.value()))
        for (auto& entry : elf::signature_modinfo(*signature))
            list.push_back(std::move(entry));

    const auto grouped = elf::group_params(list);
    if (options.field == "parm") {
        report_invalid_params(grouped);
        print_params(out, grouped, true);
        out.flush();
        return true;
    }
    for (const auto& entry : list) {
        if (options.field) {
            if (entry.key == *options.field)
                out.line(entry.value);
            continue;
        }
        if (entry.key == "parm" || entry.key == "parmtype")
            continue;
        if (options.separator == '\0')
            out.line(entry.key + "=" + entry.value);
        else
            out.field(entry.key, entry.value);
    }
    if (!options.field) {
        report_invalid_params(grouped);
        print_params(out, grouped, false);
    }
    out.flush();
    return true;
}

struct ModinfoArgs {
    std::vector<std::string> modules;
    std::string field;
    std::string kernel_version; // accepted for kmod compatibility; unused
    std::string basedir;        // accepted for kmod compatibility; unused
};

int run_modinfo(const CLI::App& sub, const ModinfoArgs& args) {
    ModinfoOptions options;
    bool by_name = false;
    // As with getopt in kmod, the last of -a/-d/-l/-p/-n/-F wins.
    for (const CLI::Option* opt : sub.parse_order()) {
        const std::string& name = opt->get_name();
        if (name == "--author")
            options.field = "author";
        else if (name == "--description")
            options.field = "description";
        else if (name == "--license")
            options.field = "license";
        else if (name == "--parameters")
            options.field = "parm";
        else if (name == "--filename")
            options.field = "filename";
        else if (name == "--field")
            options.field = args.field;
        else if (name == "--null")
            options.separator = '\0';
        else if (name == "--modname")
            by_name = true;
    }
    if (args.modules.empty()) {
        error("missing module or filename.");
        return exit_command_failed;
    }
    bool ok = true;
    for (const auto& name : args.modules) {
        std::optional<std::string> path;
        if (!by_name && is_module_filename(name))
            path = name;
        else
            path = find_in_cwd(name);
        if (!path) {
            // kmod words the two lookups differently (modinfo_name_do() and
            // modinfo_alias_do()).
            error(std::string(by_name ? "Module name " : "Module ") + name + " not found.");
            ok = false;
            continue;
        }
        ok = show_module(*path, options) && ok;
    }
    return ok ? exit_ok : exit_command_failed;
}

} // namespace

void add_modinfo_command(CLI::App& app, CommandTable& table) {
    auto* sub = app.add_subcommand(
        "modinfo", "Show information about a module file, as kmod's modinfo (NAME is looked up "
                   "as NAME.ko in the current directory)");
    auto args = std::make_shared<ModinfoArgs>();
    sub->add_flag("-a,--author")->description("Print only 'author'");
    sub->add_flag("-d,--description")->description("Print only 'description'");
    sub->add_flag("-l,--license")->description("Print only 'license'");
    sub->add_flag("-p,--parameters")->description("Print only 'parm'");
    sub->add_flag("-n,--filename")->description("Print only 'filename'");
    sub->add_flag("-0,--null")->description("Use \\0 instead of \\n");
    sub->add_flag("-m,--modname")
        ->description("Handle arguments as module names instead of filenames");
    sub->add_option("-F,--field", args->field, "Print only provided FIELD")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    sub->add_option("-k,--set-version", args->kernel_version, "Accepted for kmod compatibility");
    sub->add_option("-b,--basedir", args->basedir, "Accepted for kmod compatibility");
    sub->add_option("modules", args->modules, "Module files (.ko) or names");
    table.push_back({sub, [sub, args] { return run_modinfo(*sub, *args); }});
}

} // namespace ksim::cli
