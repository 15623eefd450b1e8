// Compiler and linker command lines; see compiler.h and docs/internals.md.
#include "kbuild/compiler.h"

namespace ksim::kbuild {

namespace {

// What kbuild passes for every module object (Debian's Linux 6.1 KBUILD_CFLAGS
// for x86-64, as read from a real build, where a module author can notice
// it: warnings, gnu11, no FPU, zero-initialised locals), adapted to ksim's loader:
// small code model, no PIC, no stack protector, no retpolines.
const std::vector<std::string>& base_flags() {
    static const std::vector<std::string> flags = {
        "-std=gnu11", "-nostdinc", "-I" KSIM_INCLUDE_DIR, "-I" KSIM_INCLUDE_DIR "/uapi",
        "-include", "linux/kconfig.h", "-include", "linux/compiler_types.h", "-D__KERNEL__",
        "-DMODULE", "-O2", "-g", "-fno-pic", "-fno-pie", "-mcmodel=small", "-fno-common",
        "-fno-strict-aliasing", "-fno-delete-null-pointer-checks", "-fno-omit-frame-pointer",
        "-mno-omit-leaf-frame-pointer", "-fno-stack-protector", "-fno-asynchronous-unwind-tables",
        "-mno-red-zone", "-mno-sse", "-mno-mmx", "-mno-sse2", "-mno-3dnow", "-mno-avx",
        "-mno-80387", "-mno-fp-ret-in-387", "-Wall", "-Wundef", "-Werror=strict-prototypes",
        "-Wno-trigraphs", "-Werror=implicit-function-declaration", "-Werror=implicit-int",
        "-Werror=return-type", "-Wno-format-security", "-Wframe-larger-than=2048",
        "-Wvla", "-Wno-pointer-sign", "-Werror=date-time",
        "-Werror=incompatible-pointer-types", "-Werror=designated-init",
        "-Wimplicit-fallthrough=5", "-Wno-main", "-Wno-unused-but-set-variable",
        "-Wno-unused-const-variable", "-Wno-format-truncation", "-Wno-format-overflow",
        "-Wno-address-of-packed-member", "-Wno-stringop-truncation", "-Wno-array-bounds",
        "-Wno-stringop-overflow", "-Wno-restrict", "-Wno-maybe-uninitialized",
        "-Wno-dangling-pointer", "-fno-strict-overflow", "-ftrivial-auto-var-init=zero",
        "-Wcast-function-type", "-Wno-alloc-size-larger-than", "-Wno-packed-not-aligned"};
    return flags;
}

} // namespace

std::vector<std::string> compile_command(const std::string& source, const std::string& object,
                                         const std::string& stem, const std::string& module,
                                         const std::vector<std::string>& extra_flags) {
    std::vector<std::string> cmd = {"gcc"};
    cmd.insert(cmd.end(), base_flags().begin(), base_flags().end());
    cmd.push_back("-DKBUILD_BASENAME=\"" + stem + "\"");
    cmd.push_back("-DKBUILD_MODNAME=\"" + module + "\"");
    cmd.push_back("-D__KBUILD_MODNAME=kmod_" + module);
    cmd.insert(cmd.end(), extra_flags.begin(), extra_flags.end());
    cmd.insert(cmd.end(), {"-c", "-o", object, source});
    return cmd;
}

std::vector<std::string> link_command(const std::string& output,
                                      const std::vector<std::string>& inputs, bool build_id) {
    std::vector<std::string> cmd = {"ld", "-r", "-m", "elf_x86_64"};
    if (build_id)
        cmd.push_back("--build-id=sha1");
    cmd.insert(cmd.end(), {"-o", output});
    cmd.insert(cmd.end(), inputs.begin(), inputs.end());
    return cmd;
}

} // namespace ksim::kbuild
