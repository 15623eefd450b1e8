#pragma once
// ksim's own findings: what the real kernel would only notice with debug
// configs, or not at all (leaks, Oopses, warnings, wrong contexts). They are
// reported after the kernel log, clearly apart from it, and in --json.

#include <mutex>
#include <string>
#include <vector>

namespace ksim {

struct Finding {
    std::string kind; // "leak", "oops", "warning", "sleep-in-atomic", ...
    std::string summary; // one line: what happened
    std::string module; // the module responsible, if known
    std::string location; // "function+0x1a/0x40 (file.c:12)" if known
    std::vector<std::string> details; // further lines (backtrace, sizes, ...)
    std::string reproduce; // e.g. "--fail-nth 3"
};

class FindingLog {
  public:
    void add(Finding finding) {
        std::lock_guard guard(m_lock);
        m_findings.push_back(std::move(finding));
    }
    std::vector<Finding> all() const {
        std::lock_guard guard(m_lock);
        return m_findings;
    }
    size_t count() const {
        std::lock_guard guard(m_lock);
        return m_findings.size();
    }

  private:
    mutable std::mutex m_lock;
    std::vector<Finding> m_findings;
};

} // namespace ksim
