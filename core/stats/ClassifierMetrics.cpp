#include "core/stats/ClassifierMetrics.h"

#include "core/stats/CohenKappa.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace sg::core {
namespace {

// Midranks (1-based; ties share the mean of their ranks) of `v`.
std::vector<double> midranks(const std::vector<double>& v)
{
    std::vector<size_t> order(v.size());
    std::iota(order.begin(), order.end(), size_t {0});
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return v[a] < v[b]; });
    std::vector<double> rank(v.size());
    for (size_t i = 0; i < order.size();) {
        size_t j = i;
        while (j + 1 < order.size() && v[order[j + 1]] == v[order[i]])
            ++j;
        const double mid = (static_cast<double>(i) + static_cast<double>(j)) / 2.0 + 1.0;
        for (size_t t = i; t <= j; ++t)
            rank[order[t]] = mid;
        i = j + 1;
    }
    return rank;
}

double sampleVariance(const std::vector<double>& v)
{
    const double mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    double s = 0.0;
    for (double x : v)
        s += (x - mean) * (x - mean);
    return s / static_cast<double>(v.size() - 1);
}

} // namespace

AurocEstimate aurocDeLong(std::span<const double> scores, const std::vector<bool>& positive)
{
    AurocEstimate e;
    std::vector<double> x, y; // positives, negatives
    for (size_t i = 0; i < scores.size() && i < positive.size(); ++i)
        (positive[i] ? x : y).push_back(scores[i]);
    const size_t m = x.size(), n = y.size();
    if (m == 0 || n == 0)
        return e;
    std::vector<double> all = x;
    all.insert(all.end(), y.begin(), y.end());
    const std::vector<double> rz = midranks(all), rx = midranks(x), ry = midranks(y);
    const double md = static_cast<double>(m), nd = static_cast<double>(n);
    double sumX = 0.0;
    for (size_t i = 0; i < m; ++i)
        sumX += rz[i];
    const double auc = (sumX - md * (md + 1.0) / 2.0) / (md * nd);
    e.value = auc;
    if (m < 2 || n < 2)
        return e;
    std::vector<double> v10(m), v01(n);
    for (size_t i = 0; i < m; ++i)
        v10[i] = (rz[i] - rx[i]) / nd;
    for (size_t j = 0; j < n; ++j)
        v01[j] = 1.0 - (rz[m + j] - ry[j]) / md;
    e.se = std::sqrt(sampleVariance(v10) / md + sampleVariance(v01) / nd);
    e.ci95 = std::array<double, 2> {std::max(0.0, auc - kZ95 * *e.se), std::min(1.0, auc + kZ95 * *e.se)};
    return e;
}

std::optional<double> rsnaWeightedLogLoss(
    std::span<const std::array<double, 3>> probabilities, std::span<const int> truth)
{
    if (probabilities.empty() || probabilities.size() != truth.size())
        return std::nullopt;
    constexpr double eps = std::numeric_limits<double>::epsilon();
    constexpr double weights[3] = {1.0, 2.0, 4.0};
    double loss = 0.0, total = 0.0;
    for (size_t i = 0; i < probabilities.size(); ++i) {
        const int t = truth[i];
        if (t < 0 || t > 2)
            return std::nullopt;
        std::array<double, 3> p {};
        double sum = 0.0;
        for (size_t c = 0; c < 3; ++c) {
            if (!std::isfinite(probabilities[i][c]))
                return std::nullopt;
            p[c] = std::clamp(probabilities[i][c], eps, 1.0 - eps);
            sum += p[c];
        }
        loss -= weights[t] * std::log(p[static_cast<size_t>(t)] / sum);
        total += weights[t];
    }
    return loss / total;
}

std::array<double, 3> rsnaClasses(std::span<const double> g)
{
    if (g.size() < 4)
        return {0.0, 0.0, 0.0};
    return {g[0], g[1], g[2] + g[3]};
}

int rsnaClass(int grade)
{
    return grade <= 0 ? 0 : grade == 1 ? 1 : 2;
}

} // namespace sg::core
