// The fault sweep; see fault_sweep.h. Each path runs in a forked child so
// that a path which corrupts memory or hangs cannot affect the next one, and
// so that every path starts from the same pristine kernel.
#include "cli/fault_sweep.h"

#include "cli/exit_codes.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

namespace ksim::cli {

namespace {

struct PathResult {
    uint64_t nth = 0;
    bool ran = false;
    uint64_t failable_calls = 0;
    bool injected = false;
    std::string site;
    std::string function;
    std::string outcome;
    int leaks = 0;
    int oopses = 0;
    int warnings = 0;
    nlohmann::json findings = nlohmann::json::array();
};

PathResult run_path(const ScenarioOptions& base, uint64_t nth) {
    PathResult result;
    result.nth = nth;
    int fds[2];
    if (pipe(fds) != 0)
        return result;
    std::fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        ScenarioOptions opt = base;
        opt.fail_nth = nth;
        opt.echo = false;
        RunReport report;
        run_scenario(opt, report);
        std::string json = report_to_json(report);
        size_t done = 0;
        while (done < json.size()) {
            ssize_t n = write(fds[1], json.data() + done, json.size() - done);
            if (n <= 0)
                break;
            done += static_cast<size_t>(n);
        }
        _exit(0);
    }
    close(fds[1]);
    std::string text;
    char buffer[65536];
    ssize_t n;
    while ((n = read(fds[0], buffer, sizeof buffer)) > 0)
        text.append(buffer, static_cast<size_t>(n));
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded()) {
        result.outcome = WIFSIGNALED(status)
                             ? fmt::format("ksim crashed (signal {})", WTERMSIG(status))
                             : "ksim failed to report";
        result.oopses = 1;
        return result;
    }
    result.ran = true;
    const auto& fi = j["fault_injection"];
    result.failable_calls = fi.value("failable_calls", 0ull);
    if (fi.contains("injected")) {
        result.injected = true;
        result.site = fi["injected"].value("site", "");
        result.function = fi["injected"].value("function", "");
    }
    result.outcome = j.value("outcome", "");
    result.findings = j["findings"];
    for (const auto& f : result.findings) {
        std::string kind = f.value("kind", "");
        if (kind == "leak" || kind == "resource-leak") // objects, or registrations
            ++result.leaks;
        else if (kind == "leak-summary")
            continue; // one per module, already counted object by object
        else if (kind == "oops" || kind == "stack-overflow" || kind == "soft-lockup")
            ++result.oopses; // the task died
        else
            ++result.warnings;
    }
    return result;
}

} // namespace

int run_fault_sweep(const ScenarioOptions& scenario, bool json) {
    std::vector<PathResult> paths;
    paths.push_back(run_path(scenario, 0));
    uint64_t total = paths[0].failable_calls;
    // A failure path can reach calls the clean run never makes (error
    // handling that allocates), so keep going until a run injects nothing.
    for (uint64_t n = 1;; ++n) {
        PathResult p = run_path(scenario, n);
        bool injected = p.injected;
        if (injected || n <= total)
            paths.push_back(std::move(p));
        if (!injected && n > total)
            break;
        if (n > 100000)
            break;
    }
    bool dirty = false;
    for (const auto& p : paths)
        dirty = dirty || p.leaks || p.oopses || p.warnings || !p.ran;

    if (json) {
        nlohmann::json j;
        j["paths"] = nlohmann::json::array();
        for (const auto& p : paths)
            j["paths"].push_back({{"fail_nth", p.nth},
                                  {"function", p.function},
                                  {"site", p.site},
                                  {"outcome", p.outcome},
                                  {"leaks", p.leaks},
                                  {"oopses", p.oopses},
                                  {"warnings", p.warnings},
                                  {"findings", p.findings}});
        j["clean"] = !dirty;
        std::fputs((j.dump(2) + "\n").c_str(), stdout);
        return dirty ? exit_findings : exit_ok;
    }

    fmt::print("ksim fault sweep: {} failable call{} in the clean run, {} runs\n", total,
               total == 1 ? "" : "s", paths.size());
    // One block per path: the failing call on its own line, then what came of it.
    fmt::print("{:>4}  {:>5}  {:>4}  {:>4}  {}\n", "N", "leaks", "oops", "warn", "failing call / outcome");
    for (const auto& p : paths) {
        std::string call = p.nth == 0 ? "(no failure injected)"
                           : p.injected ? p.function + " at " + p.site
                                        : "(not reached)";
        fmt::print("{:>4}  {:>5}  {:>4}  {:>4}  {}\n", p.nth, p.leaks, p.oopses, p.warnings, call);
        fmt::print("{:>4}  {:>5}  {:>4}  {:>4}    -> {}\n", "", "", "", "", p.outcome);
    }
    for (const auto& p : paths)
        for (const auto& f : p.findings) {
            fmt::print("\n--fail-nth {}: {}: {}\n", p.nth, f.value("kind", ""),
                       f.value("summary", ""));
            if (!f.value("location", std::string()).empty())
                fmt::print("    where: {}\n", f.value("location", ""));
            for (const auto& d : f["details"])
                fmt::print("    {}\n", d.get<std::string>());
        }
    fmt::print("{}\n", dirty ? "ksim fault sweep: problems found (reproduce one with --fail-nth N)"
                             : "ksim fault sweep: every failure path is clean");
    return dirty ? exit_findings : exit_ok;
}

} // namespace ksim::cli
