#pragma once
// A confidence interval as a reader is shown it: clipped to the range its statistic can take.
// The large-sample kappa CI (value +/- 1.96 SE) and the normal AC1 CI can pass 1 or -1, which
// no kappa can reach, so every printed interval (text, report) goes through here. The JSON
// keeps the raw interval, as statsmodels and vcd print it (docs/domain.md).
#include <algorithm>
#include <array>
#include <optional>

namespace sg::core {

struct StatRange {
    double low;
    double high;
};

inline constexpr StatRange kKappaRange {-1.0, 1.0}; // kappas, AC1, PABAK, Fleiss, alpha
inline constexpr StatRange kProportionRange {0.0, 1.0}; // agreement, F1, AUROC, sensitivity

inline std::optional<std::array<double, 2>> boundedInterval(
    const std::optional<std::array<double, 2>>& ci, StatRange range)
{
    if (!ci)
        return std::nullopt;
    return std::array<double, 2> {
        std::clamp((*ci)[0], range.low, range.high), std::clamp((*ci)[1], range.low, range.high)};
}

} // namespace sg::core
