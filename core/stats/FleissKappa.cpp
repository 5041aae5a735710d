#include "core/stats/FleissKappa.h"

#include <algorithm>
#include <cmath>

namespace sg::core {

std::optional<double> fleissKappa(const FleissSums& sums, int raters)
{
    if (raters < 2 || sums.items == 0)
        return std::nullopt;
    const int64_t labels = sums.items * raters;
    double pe = 0.0;
    for (int64_t t : sums.classTotals) {
        if (t == labels)
            return std::nullopt;
        const double p = static_cast<double>(t) / static_cast<double>(labels);
        pe += p * p;
    }
    const double r = raters;
    // Mean over items of (sum_c n_ic^2 - R) / (R (R - 1)).
    const double po = (static_cast<double>(sums.sumSquares) - static_cast<double>(labels)) /
        (static_cast<double>(sums.items) * r * (r - 1.0));
    return (po - pe) / (1.0 - pe);
}

std::optional<double> fleissKappaSe(const FleissSums& sums, int raters)
{
    if (!fleissKappa(sums, raters))
        return std::nullopt;
    const double labels = static_cast<double>(sums.items) * raters;
    double pq = 0.0, skew = 0.0;
    for (int64_t t : sums.classTotals) {
        const double p = static_cast<double>(t) / labels;
        pq += p * (1.0 - p);
        skew += p * (1.0 - p) * (1.0 - 2.0 * p);
    }
    const double r = raters;
    const double variance = 2.0 * (pq * pq - skew) / (static_cast<double>(sums.items) * r * (r - 1.0) * pq * pq);
    return std::sqrt(std::max(0.0, variance));
}

} // namespace sg::core
