// printk's record store. Level prefixes and continuation lines follow
// kernel/printk/printk.c (printk_get_level(), vprintk_store()): a message
// without a trailing newline stays open and a KERN_CONT message from the
// next printk call extends it; any other message closes it first.
#include "kernel/printk_log.h"

#include "kernel/clock.h"

#include <fmt/format.h>

namespace ksim {

namespace {

constexpr char kSoh = '\001';

// Strips every leading KERN_* prefix; returns the level found (or -1) and
// whether KERN_CONT was among them.
std::string_view strip_prefixes(std::string_view text, int& level, bool& cont) {
    level = -1;
    cont = false;
    while (text.size() >= 2 && text[0] == kSoh) {
        char c = text[1];
        if (c >= '0' && c <= '7')
            level = c - '0';
        else if (c == 'c')
            cont = true;
        else if (c != 'd') // KERN_DEFAULT
            break;
        text.remove_prefix(2);
    }
    return text;
}

} // namespace

int PrintkLog::printk(std::string_view text) {
    int level = -1;
    bool cont = false;
    std::string_view body = strip_prefixes(text, level, cont);
    std::vector<LogRecord> done;
    {
        std::lock_guard guard(m_lock);
        if (m_has_pending && !(cont && level < 0))
            commit_locked(done);
        if (level < 0)
            level = m_has_pending ? m_pending.level : default_message_loglevel;
        // Split into lines; the last one stays pending when unterminated.
        while (!body.empty()) {
            size_t nl = body.find('\n');
            if (nl == std::string_view::npos) {
                append_locked(level, body, done);
                break;
            }
            append_locked(level, body.substr(0, nl), done);
            commit_locked(done);
            body.remove_prefix(nl + 1);
        }
    }
    flush_console(done);
    return static_cast<int>(strip_prefixes(text, level, cont).size());
}

void PrintkLog::emit(int level, std::string_view text) {
    std::vector<LogRecord> done;
    {
        std::lock_guard guard(m_lock);
        if (m_has_pending)
            commit_locked(done);
        append_locked(level, text, done);
        commit_locked(done);
    }
    flush_console(done);
}

void PrintkLog::append_locked(int level, std::string_view line, std::vector<LogRecord>&) {
    if (!m_has_pending) {
        m_pending = LogRecord{};
        m_pending.level = level;
        m_pending.ts_nsec = m_clock.now_ns();
        m_has_pending = true;
    }
    m_pending.text.append(line);
}

void PrintkLog::commit_locked(std::vector<LogRecord>& done) {
    if (!m_has_pending)
        return;
    m_has_pending = false;
    m_pending.seq = m_next_seq++;
    m_records.push_back(std::move(m_pending));
    if (m_records.size() > capacity)
        m_records.pop_front();
    if (m_console)
        done.push_back(m_records.back());
}

void PrintkLog::flush_console(const std::vector<LogRecord>& done) {
    if (done.empty())
        return;
    std::function<void(const LogRecord&)> console;
    {
        std::lock_guard guard(m_lock);
        console = m_console;
    }
    if (console)
        for (const auto& record : done)
            console(record);
}

std::vector<LogRecord> PrintkLog::records_from(uint64_t seq) const {
    std::lock_guard guard(m_lock);
    std::vector<LogRecord> out;
    for (const auto& record : m_records)
        if (record.seq >= seq)
            out.push_back(record);
    // An open continuation line is visible to readers, as in Linux.
    if (m_has_pending && m_next_seq >= seq) {
        out.push_back(m_pending);
        out.back().seq = m_next_seq;
    }
    return out;
}

uint64_t PrintkLog::next_seq() const {
    std::lock_guard guard(m_lock);
    return m_next_seq;
}

void PrintkLog::clear() {
    std::lock_guard guard(m_lock);
    m_records.clear();
}

void PrintkLog::set_console(std::function<void(const LogRecord&)> console) {
    std::lock_guard guard(m_lock);
    m_console = std::move(console);
}

std::string format_dmesg_line(const LogRecord& record, bool with_timestamp) {
    if (!with_timestamp)
        return record.text;
    // util-linux dmesg: "[%5ld.%06ld] "
    return fmt::format("[{:5d}.{:06d}] {}", record.ts_nsec / 1000000000,
                       (record.ts_nsec % 1000000000) / 1000, record.text);
}

} // namespace ksim
