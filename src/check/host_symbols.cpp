// ksim's own symbol table, read with libelf; see host_symbols.h.
#include "check/host_symbols.h"

#include <cxxabi.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace ksim {

namespace {

// "ksim::(anonymous namespace)::format_string(char*, ...) const" ->
// "format_string": the bare function name, as kallsyms shows a C function.
std::string short_name(const char* mangled) {
    int status = 0;
    std::unique_ptr<char, decltype(&std::free)> demangled(
        abi::__cxa_demangle(mangled, nullptr, nullptr, &status), &std::free);
    std::string name = status == 0 && demangled ? demangled.get() : mangled;
    for (size_t at; (at = name.find("(anonymous namespace)::")) != std::string::npos;)
        name.erase(at, 23);
    // Cut at the parameter list, skipping template arguments.
    int depth = 0;
    size_t end = name.size();
    for (size_t i = 0; i < name.size(); ++i) {
        char c = name[i];
        if (c == '<')
            ++depth;
        else if (c == '>')
            --depth;
        else if (c == '(' && depth == 0) {
            end = i;
            break;
        }
    }
    name.resize(end);
    // Drop template arguments, the return type and the scope.
    std::string flat;
    depth = 0;
    for (char c : name) {
        if (c == '<')
            ++depth;
        else if (c == '>')
            --depth;
        else if (depth == 0)
            flat += c;
    }
    if (auto space = flat.rfind(' '); space != std::string::npos)
        flat = flat.substr(space + 1);
    if (auto colon = flat.rfind("::"); colon != std::string::npos)
        flat = flat.substr(colon + 2);
    return flat.empty() ? name : flat;
}

} // namespace

HostSymbols HostSymbols::load() {
    HostSymbols table;
    elf_version(EV_CURRENT);
    int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return table;
    Elf* elf = elf_begin(fd, ELF_C_READ, nullptr);
    Elf_Scn* scn = nullptr;
    while (elf != nullptr && (scn = elf_nextscn(elf, scn)) != nullptr) {
        GElf_Shdr shdr;
        if (gelf_getshdr(scn, &shdr) == nullptr || shdr.sh_type != SHT_SYMTAB)
            continue;
        Elf_Data* data = elf_getdata(scn, nullptr);
        size_t count = shdr.sh_entsize ? shdr.sh_size / shdr.sh_entsize : 0;
        for (size_t i = 0; data != nullptr && i < count; ++i) {
            GElf_Sym sym;
            if (gelf_getsym(data, static_cast<int>(i), &sym) == nullptr)
                continue;
            if (GELF_ST_TYPE(sym.st_info) != STT_FUNC || sym.st_value == 0)
                continue;
            const char* name = elf_strptr(elf, shdr.sh_link, sym.st_name);
            if (name == nullptr || *name == '\0')
                continue;
            HostSymbol hs{sym.st_value, sym.st_size, short_name(name), false};
            int status = 0;
            std::unique_ptr<char, decltype(&std::free)> full(
                abi::__cxa_demangle(name, nullptr, nullptr, &status), &std::free);
            std::string text = status == 0 && full ? full.get() : name;
            // run_guarded, its body thunk and the stack-switch trampoline.
            hs.plumbing = hs.name.rfind("run_guarded", 0) == 0 ||
                          hs.name == "call_on_kernel_stack" || text.rfind("std::", 0) == 0 ||
                          text.find("{lambda") != std::string::npos ||
                          text.find("_Function_handler") != std::string::npos;
            table.m_symbols.push_back(std::move(hs));
        }
    }
    if (elf != nullptr)
        elf_end(elf);
    close(fd);
    std::sort(table.m_symbols.begin(), table.m_symbols.end(),
              [](const auto& a, const auto& b) { return a.address < b.address; });
    return table;
}

std::optional<HostSymbol> HostSymbols::lookup(uint64_t address) const {
    auto it = std::upper_bound(m_symbols.begin(), m_symbols.end(), address,
                               [](uint64_t a, const HostSymbol& s) { return a < s.address; });
    if (it == m_symbols.begin())
        return std::nullopt;
    --it;
    if (address - it->address >= std::max<uint64_t>(it->size, 1))
        return std::nullopt;
    return *it;
}

} // namespace ksim
