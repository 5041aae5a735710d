#pragma once
// Outcome of an operation that returns nothing: empty error means success.
#include <string>

namespace sg::core {

struct Status {
    std::string error;
    bool ok() const { return error.empty(); }
    explicit operator bool() const { return ok(); }
    static Status success() { return {}; }
    static Status failure(std::string message) { return {std::move(message)}; }
};

} // namespace sg::core
