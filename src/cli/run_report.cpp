// Rendering of a run's report; see run_report.h.
#include "cli/run_report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace ksim::cli {

std::string report_to_json(const RunReport& report) {
    nlohmann::json j;
    j["target"] = report.target;
    j["build"] = {{"ran", report.built},
                  {"status", report.build_status},
                  {"output", report.build_output}};
    j["commands"] = nlohmann::json::array();
    for (const auto& step : report.steps)
        j["commands"].push_back({{"command", step.command},
                                 {"status", step.result.status},
                                 {"stdout", step.result.out},
                                 {"stderr", step.result.err},
                                 {"killed", step.result.killed}});
    j["log"] = nlohmann::json::array();
    for (const auto& r : report.log)
        j["log"].push_back({{"seq", r.seq},
                            {"timestamp_ns", r.ts_nsec},
                            {"level", r.level},
                            {"text", r.text}});
    j["findings"] = nlohmann::json::array();
    for (const auto& f : report.findings)
        j["findings"].push_back({{"kind", f.kind},
                                 {"summary", f.summary},
                                 {"module", f.module},
                                 {"location", f.location},
                                 {"details", f.details},
                                 {"reproduce", f.reproduce}});
    j["fault_injection"] = {{"fail_nth", report.fail_nth},
                            {"failable_calls", report.failable_calls}};
    if (report.injected)
        j["fault_injection"]["injected"] = {{"nth", report.injected->nth},
                                            {"function", report.injected->function},
                                            {"site", report.injected->site}};
    j["outcome"] = outcome_summary(report);
    j["exit_status"] = report.exit_status;
    return j.dump(2) + "\n";
}

std::string outcome_summary(const RunReport& report) {
    for (const auto& step : report.steps) {
        if (step.result.killed)
            return fmt::format("`{}` killed in module code (Oops)", step.command);
        if (step.result.status != 0) {
            std::string msg = step.result.err.substr(0, step.result.err.find('\n'));
            return msg.empty() ? fmt::format("`{}` failed", step.command) : msg;
        }
    }
    return "ok";
}

std::string format_findings(const std::vector<Finding>& findings) {
    std::string out = "==================== ksim findings ====================\n";
    if (findings.empty())
        return out + "no findings\n";
    size_t n = 0;
    for (const auto& f : findings) {
        out += fmt::format("[{}] {}: {}\n", ++n, f.kind, f.summary);
        if (!f.module.empty())
            out += fmt::format("    module: {}\n", f.module);
        if (!f.location.empty())
            out += fmt::format("    where:  {}\n", f.location);
        for (const auto& d : f.details)
            out += fmt::format("    {}\n", d);
        if (!f.reproduce.empty())
            out += fmt::format("    reproduce: {}\n", f.reproduce);
    }
    out += fmt::format("{} finding{}\n", findings.size(), findings.size() == 1 ? "" : "s");
    return out;
}

} // namespace ksim::cli
