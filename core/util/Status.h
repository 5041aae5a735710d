#pragma once
// Outcome of an operation that returns nothing. Success is said explicitly
// (Status::success()); a failure always carries a message a user can act on, so an empty
// message can never pass for success. [[nodiscard]]: dropping a Status drops an error.
#include <string>
#include <utility>

namespace sg::core {

class [[nodiscard]] Status {
public:
    static Status success() { return Status(); }
    // An empty message would be a failure nobody can act on, and once meant success: it
    // becomes a generic message, never a success.
    static Status failure(std::string message)
    {
        return Status(message.empty() ? std::string("failed (no reason was given)") : std::move(message));
    }

    bool ok() const { return m_ok; }
    explicit operator bool() const { return ok(); }
    const std::string& error() const { return m_error; } // empty exactly when ok()

private:
    Status() = default;
    explicit Status(std::string message) : m_ok(false), m_error(std::move(message)) { }

    bool m_ok = true;
    std::string m_error;
};

} // namespace sg::core
