#pragma once
// Expected failures (a bad file, a locked database, a missing model) travel as values
// that carry a message a user can act on; exceptions stop at the adapter that caught them.
#include <string>
#include <utility>
#include <variant>

namespace sg::core {

struct Error {
    std::string message;
};

// [[nodiscard]]: dropping a Result drops its error.
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_value(std::move(value)) { } // NOLINT(google-explicit-constructor)
    // A failure always says why: an empty message gets a generic one.
    Result(Error error) : m_value(withMessage(std::move(error))) { } // NOLINT(google-explicit-constructor)

    bool ok() const { return std::holds_alternative<T>(m_value); }
    explicit operator bool() const { return ok(); }
    T& value() { return std::get<T>(m_value); }
    const T& value() const { return std::get<T>(m_value); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const std::string& error() const { return std::get<Error>(m_value).message; }

private:
    static Error withMessage(Error e)
    {
        if (e.message.empty())
            e.message = "failed (no reason was given)";
        return e;
    }

    std::variant<T, Error> m_value;
};

} // namespace sg::core
