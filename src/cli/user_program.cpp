// Building the user-space test programs of a module directory; see
// user_program.h.
#include "cli/user_program.h"

#include "cli/shell.h"
#include "kbuild/process.h"

#include <fmt/format.h>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace ksim::cli {

namespace {

// The module that compiles `object` (a "<mod>.mod" file of the build lists
// a module's objects, as kbuild's does), or "".
std::string module_of_object(const std::string& dir, const std::string& object) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (entry.path().extension() != ".mod")
            continue;
        std::ifstream in(entry.path());
        std::string word;
        while (in >> word)
            if (fs::path(word).filename() == object)
                return entry.path().stem().string();
    }
    return {};
}

// Newest modification time among the program's inputs: its source and the
// directory's headers (a shared uapi-style header changes the program too).
fs::file_time_type newest_input(const UserProgram& program) {
    std::error_code ec;
    auto newest = fs::last_write_time(program.source, ec);
    for (const auto& entry : fs::directory_iterator(fs::path(program.source).parent_path(), ec))
        if (entry.path().extension() == ".h")
            newest = std::max(newest, fs::last_write_time(entry.path(), ec));
    return newest;
}

} // namespace

bool parse_user_program(const std::string& spec, const std::string& dir, UserProgram& program,
                        std::string& error) {
    std::vector<std::string> words;
    if (!split_words(spec, words) || words.empty()) {
        error = fmt::format("ksim run: --prog '{}': expected FILE.c [ARGS]\n", spec);
        return false;
    }
    fs::path source =
        fs::path(words[0]).is_absolute() ? fs::path(words[0]) : fs::path(dir) / words[0];
    source = source.lexically_normal();
    std::error_code ec;
    if (source.extension() != ".c") {
        error = fmt::format("ksim run: --prog {}: not a C source file (FILE.c)\n", words[0]);
        return false;
    }
    if (!fs::is_regular_file(source, ec)) {
        error = fmt::format("ksim run: --prog {}: No such file or directory\n", words[0]);
        return false;
    }
    std::string stem = source.stem().string();
    if (std::string mod = module_of_object(source.parent_path().string(), stem + ".o");
        !mod.empty()) {
        error = fmt::format("ksim run: --prog {}: it is part of module {}.ko (obj-m); name the "
                            "user-space program's source\n",
                            words[0], mod);
        return false;
    }
    program.source = source.string();
    program.binary = (source.parent_path() / stem).string();
    program.args.assign(words.begin() + 1, words.end());
    return true;
}

int build_user_program(const UserProgram& program, std::string& output) {
    std::error_code ec;
    if (fs::exists(program.binary, ec) &&
        fs::last_write_time(program.binary, ec) >= newest_input(program))
        return 0;
    const char* hostcc = std::getenv("HOSTCC");
    std::vector<std::string> argv = {hostcc != nullptr && *hostcc != '\0' ? hostcc : "cc",
                                     "-Wall",
                                     "-O2",
                                     "-g",
                                     "-o",
                                     program.binary,
                                     program.source};
    // kbuild's quiet line for a host program (scripts/Makefile.host).
    output += fmt::format("  HOSTCC  {}\n", fs::path(program.binary).filename().string());
    std::string command = kbuild::command_line(argv) + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) {
        output += "ksim: cannot start the host compiler\n";
        return 1;
    }
    char buffer[4096];
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0)
        output.append(buffer, n);
    int status = pclose(pipe);
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 1;
    if (code != 0)
        fs::remove(program.binary, ec); // no stale program runs after a failed build
    return code;
}

std::string user_program_line(const UserProgram& program, const std::string& dir) {
    fs::path binary(program.binary);
    std::vector<std::string> argv;
    argv.push_back(binary.parent_path() == fs::path(dir) ? "./" + binary.filename().string()
                                                         : program.binary);
    argv.insert(argv.end(), program.args.begin(), program.args.end());
    return "! " + kbuild::command_line(argv);
}

} // namespace ksim::cli
