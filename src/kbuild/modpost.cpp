// ksim's modpost; see modpost.h. Order of messages as in Linux 6.1's
// modpost main(): while reading each module its license and section
// references, then per module its unresolved and GPL-only symbols.
#include "kbuild/modpost.h"

#include "elf/elf_file.h"
#include "kbuild/section_mismatch.h"
#include "kbuild/srcversion.h"
#include "elf/license.h"

#include <elf.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace ksim::kbuild {

namespace {

struct Unresolved {
    std::string name;
    bool weak = false;
};

struct ModuleFacts {
    std::string path;
    bool gpl_compatible = true;
    bool has_init = false;
    bool has_cleanup = false;
    bool has_version = false;
    std::vector<Unresolved> unresolved;
};

std::string base_name(const std::string& path) {
    auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string generate_mod_c(const ModuleFacts& m, const std::vector<std::string>& depends,
                           const std::string& srcversion) {
    std::string out = "#include <linux/module.h>\n"
                      "#include <linux/vermagic.h>\n"
                      "#include <linux/compiler.h>\n"
                      "\n"
                      "MODULE_INFO(vermagic, VERMAGIC_STRING);\n"
                      "MODULE_INFO(name, KBUILD_MODNAME);\n"
                      "\n"
                      "__visible struct module __this_module\n"
                      "__section(\".gnu.linkonce.this_module\") = {\n"
                      "\t.name = KBUILD_MODNAME,\n";
    if (m.has_init)
        out += "\t.init = init_module,\n";
    if (m.has_cleanup)
        out += "\t.exit = cleanup_module,\n";
    out += "};\n\n";
    std::string list;
    for (const auto& d : depends)
        list += (list.empty() ? "" : ",") + d;
    out += fmt::format("MODULE_INFO(depends, \"{}\");\n", list);
    if (!srcversion.empty())
        out += fmt::format("\nMODULE_INFO(srcversion, \"{}\");\n", srcversion);
    return out;
}

} // namespace

ErrorOr<ModpostResult> run_modpost(const std::vector<ModpostInput>& inputs,
                                   const ModpostOptions& options) {
    ModpostResult result;
    std::vector<ModuleFacts> facts;

    struct Exporter {
        std::string module;
        bool gpl_only;
    };
    std::map<std::string, Exporter, std::less<>> exports;
    for (const auto* list : {&options.kernel_symbols, &options.extra_symbols})
        for (const auto& e : *list)
            exports[e.symbol] = {e.module, e.gpl_only};

    for (const auto& input : inputs) {
        auto bytes = KSIM_TRY(elf::read_file(input.object));
        auto parsed = elf::ElfFile::parse(bytes);
        if (parsed.is_error())
            return Error::from_errno(parsed.error().code,
                                     fmt::format("{}: {}", input.object, parsed.error().message));
        const auto& elf = parsed.value();
        ModuleFacts m;
        m.path = input.path;

        bool has_license = false;
        for (auto s : elf.modinfo_strings()) {
            if (s.starts_with("license=")) {
                has_license = true;
                // Every license tag must be compatible (modpost's loop).
                if (!elf::license_is_gpl_compatible(s.substr(8)))
                    m.gpl_compatible = false;
            }
            if (s.starts_with("version="))
                m.has_version = true;
        }
        // scripts/mod/modpost.c: read_symbols()
        if (!has_license) {
            result.messages.push_back(
                fmt::format("ERROR: modpost: missing MODULE_LICENSE() in {}", input.object));
            result.failed = true;
        }

        const auto& sections = elf.sections();
        for (const auto& sym : elf.symbols()) {
            if (sym.name.empty() || sym.binding == STB_LOCAL) {
                // Exports are static struct kernel_symbol objects.
                if (sym.name.starts_with("__ksymtab_") && sym.section_index < sections.size() &&
                    sym.section_index != SHN_UNDEF) {
                    auto sec = sections[sym.section_index].name;
                    if (sec == "__ksymtab" || sec == "__ksymtab_gpl") {
                        SymversEntry e{std::string(sym.name.substr(10)), input.path,
                                       sec == "__ksymtab_gpl"};
                        exports[e.symbol] = {e.module, e.gpl_only};
                        result.exports.push_back(std::move(e));
                    }
                }
                continue;
            }
            if (sym.is_undefined()) {
                // __this_module comes from the .mod.c; the GOT is the linker's.
                if (sym.name == "__this_module" || sym.name == "_GLOBAL_OFFSET_TABLE_")
                    continue;
                m.unresolved.push_back({std::string(sym.name), sym.binding == STB_WEAK});
                continue;
            }
            if (sym.name == "init_module")
                m.has_init = true;
            if (sym.name == "cleanup_module")
                m.has_cleanup = true;
        }
        for (auto& w : section_mismatch_warnings(elf, input.object))
            result.messages.push_back(std::move(w));
        facts.push_back(std::move(m));
    }

    // Module.symvers lists exports sorted by symbol name (modpost's write_dump
    // walks its hash table, which Linux 6.1 sorts before writing).
    std::stable_sort(result.exports.begin(), result.exports.end(),
                     [](const auto& a, const auto& b) { return a.symbol < b.symbol; });

    for (size_t i = 0; i < facts.size(); ++i) {
        const auto& m = facts[i];
        std::vector<std::string> depends;
        for (const auto& u : m.unresolved) {
            auto it = exports.find(u.name);
            if (it == exports.end()) {
                // scripts/mod/modpost.c: check_exports()
                if (!u.weak) {
                    result.messages.push_back(
                        fmt::format("ERROR: modpost: \"{}\" [{}.ko] undefined!", u.name, m.path));
                    result.failed = true;
                }
                continue;
            }
            if (it->second.gpl_only && !m.gpl_compatible) {
                result.messages.push_back(
                    fmt::format("ERROR: modpost: GPL-incompatible module {}.ko uses GPL-only "
                                "symbol '{}'",
                                base_name(m.path), u.name));
                result.failed = true;
            }
            if (it->second.module != "vmlinux" && it->second.module != m.path) {
                std::string dep = base_name(it->second.module);
                if (std::find(depends.begin(), depends.end(), dep) == depends.end())
                    depends.push_back(dep);
            }
        }
        std::string version;
        if (m.has_version && i < options.srcversion_files.size()) {
            auto sum = srcversion(options.srcversion_files[i]);
            if (!sum.is_error())
                version = sum.value();
        }
        result.modules.push_back({m.path, generate_mod_c(m, depends, version)});
    }
    return result;
}

} // namespace ksim::kbuild
