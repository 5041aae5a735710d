#pragma once
// What a user may choose about the synthetic studies, and the checks that turn bad
// choices into a message.
#include "core/util/Result.h"
#include "core/util/Status.h"

#include <array>
#include <cstdint>
#include <string_view>

namespace sg::core {

struct PhantomOptions {
    uint64_t seed = 1;
    int size = 512; // rows = columns
    // Relative weights of grades A, B, C, D over rootlet levels (normalised when used).
    // The default is close to Won et al. 2024 (docs/domain.md).
    std::array<double, 4> prevalence {0.76, 0.17, 0.05, 0.02};
};

inline constexpr int kPhantomMinSize = 64;
inline constexpr int kPhantomMaxSize = 1024;

// Empty error when the options can be used; otherwise one line naming the problem.
Status validatePhantomOptions(const PhantomOptions& options);

// "77,17,5,2": four non-negative numbers with a positive sum.
Result<std::array<double, 4>> parsePrevalence(std::string_view text);

} // namespace sg::core
