// dmesg as util-linux prints it (sys-utils/dmesg.c): "[%5lu.%06lu] " stamps,
// -t without them, -r raw "<N>" prefixes, -x decoded facility and level,
// -l level filter, -c/-C clear.
#include "cli/shell.h"

#include "kernel/kernel.h"

#include <fmt/format.h>

#include <array>
#include <sstream>

namespace ksim::cli {

namespace {

constexpr std::array<const char*, 8> kLevelNames = {"emerg", "alert", "crit",   "err",
                                                    "warn",  "notice", "info", "debug"};

int level_from_name(const std::string& name) {
    for (size_t i = 0; i < kLevelNames.size(); ++i)
        if (name == kLevelNames[i])
            return static_cast<int>(i);
    return -1;
}

CommandResult dmesg(ShellContext& ctx, const std::vector<std::string>& argv) {
    CommandResult r;
    bool timestamps = true, raw = false, decode = false, clear_after = false, clear_only = false;
    unsigned level_mask = 0xff;
    for (size_t i = 1; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a == "-t" || a == "--notime")
            timestamps = false;
        else if (a == "-r" || a == "--raw")
            raw = true;
        else if (a == "-x" || a == "--decode")
            decode = true;
        else if (a == "-c" || a == "--read-clear")
            clear_after = true;
        else if (a == "-C" || a == "--clear")
            clear_only = true;
        else if (a == "-k" || a == "--kernel")
            continue;
        else if ((a == "-l" || a == "--level") && i + 1 < argv.size()) {
            level_mask = 0;
            std::stringstream list(argv[++i]);
            std::string name;
            while (std::getline(list, name, ',')) {
                int level = level_from_name(name);
                if (level < 0) {
                    r.err = fmt::format("dmesg: unknown level '{}'\n", name);
                    r.status = 1;
                    return r;
                }
                level_mask |= 1u << level;
            }
        } else {
            r.err = fmt::format("dmesg: unrecognized option '{}'\n", a);
            r.status = 1;
            return r;
        }
    }
    PrintkLog& log = ctx.kernel.log();
    if (clear_only) {
        log.clear();
        return r;
    }
    for (const auto& record : log.records()) {
        if (!(level_mask & (1u << record.level)))
            continue;
        if (raw)
            r.out += fmt::format("<{}>", record.facility * 8 + record.level);
        else if (decode)
            r.out += fmt::format("{:<6}:{:<6}: ", "kern", kLevelNames[record.level]);
        r.out += format_dmesg_line(record, timestamps) + "\n";
    }
    if (clear_after)
        log.clear();
    return r;
}

} // namespace

void add_log_builtins(Shell& shell) { shell.add_builtin("dmesg", dmesg); }

} // namespace ksim::cli
