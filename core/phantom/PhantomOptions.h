#pragma once
// What a user may choose about the synthetic studies, and the checks that turn bad
// choices into a message.
#include "core/phantom/GradeSampler.h"
#include "core/util/Result.h"
#include "core/util/Status.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace sg::core {

struct PhantomOptions {
    uint64_t seed = 1;
    int size = 512; // rows = columns
    // Relative weights of grades A, B, C, D over rootlet levels (normalised when used).
    // The default is close to Won et al. 2024 (docs/domain.md).
    std::array<double, 4> prevalence {0.76, 0.17, 0.05, 0.02};
    // Grades set per level (L1/L2 .. L5/S1) instead of drawn from `prevalence`. The random
    // stream is consumed as if they were drawn, so everything else about a patient is the
    // same either way. The demo study uses this to show every grade in one patient.
    std::optional<std::array<LevelGrade, 5>> levelGrades;
    // Place the conus tip between the L1/L2 and L2/L3 stacks, so every L1/L2 slice shows the
    // cord and no lower one does (a common adult anatomy the draw makes only sometimes).
    bool cordThroughL1L2 = false;
};

// The built-in demo study's one patient: a fixed seed, every grade A-D somewhere in the
// spine (worst low, as in patients), and the cord at L1/L2.
PhantomOptions demoPhantomOptions();

inline constexpr int kPhantomMinSize = 64;
inline constexpr int kPhantomMaxSize = 1024;

// Empty error when the options can be used; otherwise one line naming the problem.
Status validatePhantomOptions(const PhantomOptions& options);

// "77,17,5,2": four non-negative numbers with a positive sum.
Result<std::array<double, 4>> parsePrevalence(std::string_view text);

} // namespace sg::core
