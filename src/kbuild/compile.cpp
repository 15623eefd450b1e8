// Compiler and linker command lines; see compile.h and docs/internals.md.
#include "kbuild/compile.h"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace ksim::kbuild {

namespace {

// The fixed part of the command, in docs/internals.md's order.
const char* const k_fixed_flags[] = {
    "-O2",
    "-g",
    "-fno-pic",
    "-fno-pie",
    "-mcmodel=small",
    "-fno-common",
    "-fno-strict-aliasing",
    "-fno-delete-null-pointer-checks",
    "-fno-omit-frame-pointer",
    "-mno-omit-leaf-frame-pointer",
    "-fno-stack-protector",
    "-fno-asynchronous-unwind-tables",
    "-mno-red-zone",
    "-mno-sse",
    "-mno-mmx",
    "-mno-sse2",
    "-mno-3dnow",
    "-mno-avx",
    "-mno-80387",
    "-mno-fp-ret-in-387",
    "-Wall",
    "-Wundef",
    "-Werror=strict-prototypes",
    "-Wno-trigraphs",
    "-Werror=implicit-function-declaration",
    "-Werror=implicit-int",
    "-Werror=return-type",
    "-Wno-format-security",
    "-Wframe-larger-than=2048",
    "-Wvla",
    "-Wno-pointer-sign",
    "-Werror=date-time",
    "-Werror=incompatible-pointer-types",
    "-Werror=designated-init",
    "-Wimplicit-fallthrough=5",
    "-Wno-main",
    "-Wno-unused-but-set-variable",
    "-Wno-unused-const-variable",
    "-Wno-format-truncation",
    "-Wno-format-overflow",
    "-Wno-address-of-packed-member",
    "-Wno-stringop-truncation",
    "-Wno-array-bounds",
    "-Wno-stringop-overflow",
    "-Wno-restrict",
    "-Wno-maybe-uninitialized",
    "-Wno-dangling-pointer",
    "-fno-strict-overflow",
    "-ftrivial-auto-var-init=zero",
    "-Wcast-function-type",
    "-Wno-alloc-size-larger-than",
    "-Wno-packed-not-aligned",
};

} // namespace

std::vector<std::string> compile_argv(const BuildSpec& spec, const std::string& include_dir,
                                      const std::string& module_name, const std::string& source,
                                      const std::string& object, const std::string& depfile) {
    std::string stem = std::filesystem::path(source).stem().string();
    std::vector<std::string> argv = {"gcc",
                                     "-Wp,-MMD," + depfile,
                                     "-std=gnu11",
                                     "-nostdinc",
                                     "-I" + include_dir,
                                     "-I" + include_dir + "/uapi",
                                     "-include",
                                     "linux/kconfig.h",
                                     "-include",
                                     "linux/compiler_types.h",
                                     "-D__KERNEL__",
                                     "-DMODULE",
                                     "-DKBUILD_BASENAME=\"" + stem + "\"",
                                     "-DKBUILD_MODNAME=\"" + module_name + "\"",
                                     "-D__KBUILD_MODNAME=kmod_" + module_name};
    for (const char* flag : k_fixed_flags)
        argv.emplace_back(flag);
    argv.insert(argv.end(), spec.ccflags.begin(), spec.ccflags.end());
    std::string object_name = std::filesystem::path(object).filename().string();
    if (auto it = spec.file_cflags.find(object_name); it != spec.file_cflags.end())
        argv.insert(argv.end(), it->second.begin(), it->second.end());
    argv.insert(argv.end(), {"-c", "-o", object, source});
    return argv;
}

std::vector<std::string> link_objects_argv(const std::string& output,
                                           const std::vector<std::string>& objects) {
    std::vector<std::string> argv = {"ld", "-r", "-m", "elf_x86_64", "-o", output};
    argv.insert(argv.end(), objects.begin(), objects.end());
    return argv;
}

std::vector<std::string> link_ko_argv(const std::string& ko, const std::string& module_object,
                                      const std::string& mod_object) {
    return {"ld", "-r", "-m", "elf_x86_64", "--build-id=sha1", "-o", ko, module_object, mod_object};
}

std::string format_compile_commands(const std::vector<CompileCommand>& entries) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : entries)
        out.push_back({{"directory", e.directory}, {"file", e.file}, {"arguments", e.argv}});
    return out.dump(2) + "\n";
}

} // namespace ksim::kbuild
