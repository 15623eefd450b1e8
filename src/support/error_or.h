#pragma once
// A result that is either a value or an Error carrying a Linux errno and a
// message for the user. Used across ksim's layers instead of exceptions, so a
// bad .ko or Makefile fails one operation, never the process.

#include <cerrno>
#include <string>
#include <utility>
#include <variant>

namespace ksim {

struct Error {
    int code = EINVAL; // positive errno, as in Linux's -errno convention
    std::string message;
    // Set when the calling task died in module code (an Oops): the signal
    // Linux kills it with, so a front end can kill the real caller too.
    int killed_by_signal = 0;

    static Error from_errno(int code, std::string message = {}) {
        return Error{code, std::move(message)};
    }
};

template <typename T> class [[nodiscard]] ErrorOr {
  public:
    ErrorOr(T value) : m_value(std::move(value)) {}
    ErrorOr(Error error) : m_value(std::move(error)) {}

    bool is_error() const { return std::holds_alternative<Error>(m_value); }
    explicit operator bool() const { return !is_error(); }

    T& value() & { return std::get<T>(m_value); }
    const T& value() const& { return std::get<T>(m_value); }
    T&& value() && { return std::get<T>(std::move(m_value)); }
    T release_value() { return std::get<T>(std::move(m_value)); }

    const Error& error() const { return std::get<Error>(m_value); }
    Error release_error() { return std::get<Error>(std::move(m_value)); }

  private:
    std::variant<T, Error> m_value;
};

template <> class [[nodiscard]] ErrorOr<void> {
  public:
    ErrorOr() = default;
    ErrorOr(Error error) : m_error(std::move(error)), m_failed(true) {}

    bool is_error() const { return m_failed; }
    explicit operator bool() const { return !m_failed; }
    const Error& error() const { return m_error; }
    Error release_error() { return std::move(m_error); }

  private:
    Error m_error;
    bool m_failed = false;
};

} // namespace ksim

// Propagates an error from an ErrorOr expression, yielding its value otherwise
// (a GNU statement expression, as SerenityOS's TRY).
#define KSIM_TRY(expr)                                                                             \
    ({                                                                                             \
        auto _ksim_result = (expr);                                                                \
        if (_ksim_result.is_error())                                                               \
            return _ksim_result.release_error();                                                   \
        std::move(_ksim_result).value();                                                           \
    })

#define KSIM_TRY_VOID(expr)                                                                        \
    do {                                                                                           \
        auto _ksim_result = (expr);                                                                \
        if (_ksim_result.is_error())                                                               \
            return _ksim_result.release_error();                                                   \
    } while (0)
