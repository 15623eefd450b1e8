#pragma once
// The printk ring buffer (kernel/printk/printk.c): records with sequence
// numbers, timestamps and log levels, plus the formatting `dmesg` applies.
// Thread-safe: printk may be called from any task.

#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace ksim {

class Clock;

struct LogRecord {
    uint64_t seq = 0;
    uint64_t ts_nsec = 0; // since boot
    int level = 4; // 0 (KERN_EMERG) .. 7 (KERN_DEBUG)
    int facility = 0; // 0 = kernel
    std::string text; // one line, no trailing newline
};

class PrintkLog {
  public:
    static constexpr int default_message_loglevel = 4; // CONFIG_MESSAGE_LOGLEVEL_DEFAULT
    static constexpr size_t capacity = 1 << 14; // records kept (Linux keeps bytes)

    explicit PrintkLog(const Clock& clock) : m_clock(clock) {}

    // Takes text as a module's printk produced it after formatting: an
    // optional KERN_<LEVEL> prefix ("\001" + digit or 'c'), possibly several
    // lines. A message without a trailing newline stays open so that a
    // following KERN_CONT message continues the same record. Returns the
    // number of bytes of text logged (what printk returns).
    int printk(std::string_view text);

    // Logs one complete message at `level` from ksim itself (loader, oops,
    // taint messages). Closes any pending continuation first.
    void emit(int level, std::string_view text);

    std::vector<LogRecord> records_from(uint64_t seq) const;
    std::vector<LogRecord> records() const { return records_from(0); }
    uint64_t next_seq() const;
    // dmesg -C / -c: forget what has been logged.
    void clear();

    // Called for every record as it is completed (ksim run echoes the log
    // live, like a console). Called with the log's lock released.
    void set_console(std::function<void(const LogRecord&)> console);

  private:
    void commit_locked(std::vector<LogRecord>& done);
    void append_locked(int level, std::string_view line, std::vector<LogRecord>& done);
    void flush_console(const std::vector<LogRecord>& done);

    const Clock& m_clock;
    mutable std::mutex m_lock;
    std::deque<LogRecord> m_records;
    uint64_t m_next_seq = 0;
    // An open record that a KERN_CONT message may extend.
    bool m_has_pending = false;
    LogRecord m_pending;
    std::function<void(const LogRecord&)> m_console;
};

// "[    0.000123] text" as dmesg and the console print it.
std::string format_dmesg_line(const LogRecord& record, bool with_timestamp = true);

} // namespace ksim
