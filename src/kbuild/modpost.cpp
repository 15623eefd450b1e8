// modpost's checks; see modpost.h. Linux's modpost reads vmlinux's and other
// modules' exports from Module.symvers; ksim's own exports come from its
// export table, the one source of truth for what a module can link against.
#include "kbuild/modpost.h"

#include "elf/elf_file.h"
#include "elf/modinfo.h"
#include "kbuild/section_mismatch.h"

#include <elf.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace ksim::kbuild {

bool license_is_gpl_compatible(const std::string& license) {
    for (const char* ok : {"GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL",
                           "Dual MIT/GPL", "Dual MPL/GPL"})
        if (license == ok)
            return true;
    return false;
}

namespace {

// Symbols every module leaves undefined on purpose (ignore_undef_symbol()).
bool ignored_undefined(std::string_view name) {
    return name == "__this_module" || name == "_GLOBAL_OFFSET_TABLE_" || name.empty();
}

struct ExportOwner {
    std::string module; // "vmlinux" or the module's base path
    bool gpl_only = false;
};

std::string base_name(const std::string& path) { return path.substr(path.find_last_of('/') + 1); }

} // namespace

ModpostResult run_modpost(std::vector<ModpostModule>& modules,
                          const std::vector<std::string>& extra_symbols) {
    ModpostResult result;
    auto error = [&](const std::string& text) {
        result.messages += "ERROR: modpost: " + text + "\n";
        result.failed = true;
    };

    std::map<std::string, ExportOwner> exports;
    for (const auto& e : kernel_symvers())
        exports[e.symbol] = {"vmlinux", e.gpl_only};
    for (const auto& path : extra_symbols) {
        auto entries = read_symvers(path);
        if (entries.is_error()) {
            error(entries.error().message);
            continue;
        }
        for (const auto& e : entries.value())
            exports.emplace(e.symbol, ExportOwner{e.module, e.gpl_only});
    }

    struct Parsed {
        std::vector<uint8_t> bytes;
        std::unique_ptr<elf::ElfFile> elf;
        std::string license;
    };
    std::vector<Parsed> parsed(modules.size());
    // First pass: every module's own exports, so modules of one build can
    // use each other.
    for (size_t i = 0; i < modules.size(); ++i) {
        auto& m = modules[i];
        auto bytes = elf::read_file(m.object);
        if (bytes.is_error()) {
            error(fmt::format("{}: cannot read", m.object));
            continue;
        }
        parsed[i].bytes = bytes.release_value();
        auto elf = elf::ElfFile::parse(parsed[i].bytes);
        if (elf.is_error()) {
            error(fmt::format("{}: {}", m.object, elf.error().message));
            continue;
        }
        parsed[i].elf = std::make_unique<elf::ElfFile>(elf.release_value());
        for (const auto& sym : parsed[i].elf->symbols()) {
            if (sym.is_undefined() || sym.section_index >= parsed[i].elf->sections().size())
                continue;
            if (sym.name == "init_module")
                m.has_init = true;
            if (sym.name == "cleanup_module")
                m.has_exit = true;
            if (!sym.name.starts_with("__ksymtab_") || sym.name.starts_with("__ksymtab_strings"))
                continue;
            std::string_view sec = parsed[i].elf->sections()[sym.section_index].name;
            if (sec != "__ksymtab" && sec != "__ksymtab_gpl")
                continue;
            std::string name(sym.name.substr(10));
            bool gpl = sec == "__ksymtab_gpl";
            m.exports.push_back({name, m.base, gpl});
            exports[name] = {m.base, gpl};
        }
        for (auto entry : parsed[i].elf->modinfo_strings()) {
            if (entry.starts_with("license="))
                parsed[i].license = std::string(entry.substr(8));
            if (entry.starts_with("version="))
                m.has_version = true;
        }
        // As read_symbols() does while reading each object: the license,
        // then the section references.
        if (parsed[i].license.empty())
            error(fmt::format("missing MODULE_LICENSE() in {}", m.object));
        result.messages += section_mismatch_warnings(*parsed[i].elf, m.object);
    }

    for (size_t i = 0; i < modules.size(); ++i) {
        auto& m = modules[i];
        if (!parsed[i].elf)
            continue;
        bool gpl_ok = license_is_gpl_compatible(parsed[i].license);
        for (const auto& sym : parsed[i].elf->symbols()) {
            if (!sym.is_undefined() || sym.index == 0 || ignored_undefined(sym.name))
                continue;
            if (sym.binding != STB_GLOBAL && sym.binding != STB_WEAK)
                continue;
            auto it = exports.find(std::string(sym.name));
            if (it == exports.end()) {
                if (sym.binding != STB_WEAK)
                    error(fmt::format("\"{}\" [{}.ko] undefined!", sym.name, m.base));
                continue;
            }
            if (it->second.gpl_only && !gpl_ok && !parsed[i].license.empty())
                error(fmt::format("GPL-incompatible module {}.ko uses GPL-only symbol '{}'",
                                  base_name(m.base), sym.name));
            if (it->second.module != "vmlinux" && it->second.module != m.base) {
                std::string dep = base_name(it->second.module);
                if (std::find(m.depends.begin(), m.depends.end(), dep) == m.depends.end())
                    m.depends.push_back(dep);
            }
        }
    }
    return result;
}

std::string generate_mod_c(const ModpostModule& m, const std::string& srcversion) {
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
    if (m.has_exit)
        out += "\t.exit = cleanup_module,\n";
    out += "};\n\n";
    std::string deps;
    for (const auto& d : m.depends)
        deps += (deps.empty() ? "" : ",") + d;
    out += fmt::format("MODULE_INFO(depends, \"{}\");\n", deps);
    if (m.has_version && !srcversion.empty())
        out += fmt::format("\nMODULE_INFO(srcversion, \"{}\");\n", srcversion);
    return out;
}

} // namespace ksim::kbuild
