// Script line parsing and command dispatch; see shell.h.
#include "cli/shell.h"

#include "cli/file_commands.h"

#include "kernel/kernel.h"
#include "kernel/module_info_files.h"
#include "kernel/softirq.h"
#include "kernel/task.h"

#include <fmt/format.h>

#include <csignal>

namespace ksim::cli {

bool split_words(const std::string& line, std::vector<std::string>& words) {
    words.clear();
    std::string word;
    bool in_word = false;
    char quote = 0;
    for (size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (quote != 0) {
            if (c == quote)
                quote = 0;
            else if (c == '\\' && quote == '"' && i + 1 < line.size() &&
                     (line[i + 1] == '"' || line[i + 1] == '\\' || line[i + 1] == '$'))
                word += line[++i];
            else
                word += c;
            continue;
        }
        if (c == '\'' || c == '"') {
            quote = c;
            in_word = true;
        } else if (c == '\\' && i + 1 < line.size()) {
            word += line[++i];
            in_word = true;
        } else if (c == ' ' || c == '\t') {
            if (in_word)
                words.push_back(std::move(word));
            word.clear();
            in_word = false;
        } else if (c == '#' && !in_word) {
            break;
        } else {
            word += c;
            in_word = true;
        }
    }
    if (quote != 0)
        return false;
    if (in_word)
        words.push_back(std::move(word));
    return true;
}

std::string resolve_path(const ShellContext& context, const std::string& path) {
    if (path.empty() || path[0] == '/' || context.cwd.empty())
        return path;
    return context.cwd + "/" + path;
}

Shell::Shell(Kernel& kernel, std::string cwd) : m_context{kernel, std::move(cwd)} {
    add_module_builtins(*this);
    add_log_builtins(*this);
    add_file_builtins(*this);
    // The VFS's cat, ls, head, dd, mknod and ioctl replace the simple ones
    // for every path the VFS serves.
    add_vfs_file_builtins(*this);
    add_modinfo_builtin(*this);
}

void Shell::add_builtin(const std::string& name, Builtin builtin) {
    m_builtins[name] = std::move(builtin);
}

CommandResult Shell::run(const std::vector<std::string>& argv) {
    if (argv.empty())
        return {};
    auto it = m_builtins.find(argv[0]);
    if (it == m_builtins.end())
        return {"", fmt::format("sh: {}: not found\n", argv[0]), 127, false};
    // Like a shell starting the tool: a new process with the tool's name.
    m_context.kernel.tasks().start_process(argv[0].substr(argv[0].find_last_of('/') + 1));
    CommandResult result = it->second(m_context, argv);
    // Virtual time: what the command made due (a tasklet, a timer) runs
    // before the next command, so that runs compare byte for byte.
    if (m_context.kernel.clock().is_virtual())
        m_context.kernel.softirq().advance_virtual(0);
    m_context.kernel.tasks().start_process("sh");
    return result;
}

CommandResult Shell::run_line(const std::string& line) {
    std::vector<std::string> words;
    if (!split_words(line, words))
        return {"", "sh: syntax error: unterminated quoted string\n", 2, false};
    // Output redirection: "cmd ... > file" or "cmd ... >> file".
    std::string target;
    bool append = false;
    for (size_t i = 0; i < words.size(); ++i) {
        if (words[i] != ">" && words[i] != ">>")
            continue;
        if (i + 1 >= words.size())
            return {"", "sh: syntax error: unexpected newline\n", 2, false};
        append = words[i] == ">>";
        target = words[i + 1];
        words.erase(words.begin() + static_cast<long>(i), words.begin() + static_cast<long>(i) + 2);
        break;
    }
    CommandResult result = run(words);
    if (target.empty() || result.killed)
        return result;
    // The shell opens the file and writes the command's output in one write().
    CommandResult written =
        vfs_redirect_result(m_context, resolve_path(m_context, target), result.out, append);
    result.out.clear();
    if (!written.err.empty()) {
        result.err += written.err;
        if (!written.err.ends_with("\n"))
            result.err += "\n";
        result.status = written.status;
        result.killed = written.killed;
    }
    return result;
}

} // namespace ksim::cli
