#include "core/stats/CohenKappa.h"

#include <cmath>
#include <vector>

namespace sg::core {
namespace {

double agreementWeight(int i, int j, int k, KappaWeights weights)
{
    if (weights == KappaWeights::Unweighted || k < 2)
        return i == j ? 1.0 : 0.0;
    const double d = std::abs(i - j) / static_cast<double>(k - 1);
    return weights == KappaWeights::Linear ? 1.0 - d : 1.0 - d * d;
}

} // namespace

KappaEstimate cohenKappa(const ConfusionMatrix& m, KappaWeights weights)
{
    const int k = m.classes;
    const int64_t total = m.total();
    if (total == 0)
        return {};
    // Expected agreement is 1 exactly when both raters used one and the same class (then
    // every cell but that diagonal one is empty): decided on the counts, not on rounding.
    for (int c = 0; c < k; ++c)
        if (m.at(c, c) == total)
            return {};

    const double n = static_cast<double>(total);
    std::vector<double> row(static_cast<size_t>(k), 0.0), col(static_cast<size_t>(k), 0.0);
    std::vector<double> w(static_cast<size_t>(k * k));
    for (int i = 0; i < k; ++i)
        for (int j = 0; j < k; ++j) {
            row[static_cast<size_t>(i)] += static_cast<double>(m.at(i, j)) / n;
            col[static_cast<size_t>(j)] += static_cast<double>(m.at(i, j)) / n;
            w[static_cast<size_t>(i * k + j)] = agreementWeight(i, j, k, weights);
        }
    auto W = [&](int i, int j) { return w[static_cast<size_t>(i * k + j)]; };

    double po = 0.0, pe = 0.0;
    std::vector<double> wRow(static_cast<size_t>(k), 0.0), wCol(static_cast<size_t>(k), 0.0);
    for (int i = 0; i < k; ++i)
        for (int j = 0; j < k; ++j) {
            po += W(i, j) * static_cast<double>(m.at(i, j)) / n;
            pe += W(i, j) * row[static_cast<size_t>(i)] * col[static_cast<size_t>(j)];
            wRow[static_cast<size_t>(i)] += W(i, j) * col[static_cast<size_t>(j)]; // mean weight of row i
            wCol[static_cast<size_t>(j)] += W(i, j) * row[static_cast<size_t>(i)]; // mean weight of column j
        }
    const double kappa = (po - pe) / (1.0 - pe);

    double sum = 0.0;
    for (int i = 0; i < k; ++i)
        for (int j = 0; j < k; ++j) {
            const double t = W(i, j) - (wRow[static_cast<size_t>(i)] + wCol[static_cast<size_t>(j)]) * (1.0 - kappa);
            sum += static_cast<double>(m.at(i, j)) / n * t * t;
        }
    const double c = kappa - pe * (1.0 - kappa);
    double variance = (sum - c * c) / ((1.0 - pe) * (1.0 - pe) * n);
    // The variance is 0 in exact arithmetic when agreement is perfect; rounding can leave
    // a tiny negative number there, which is 0, not an undefined square root.
    if (variance < 0.0 && variance > -1e-12)
        variance = 0.0;

    KappaEstimate e;
    e.value = kappa;
    if (variance >= 0.0) {
        e.se = std::sqrt(variance);
        e.ci95 = std::array<double, 2>{kappa - kZ95 * *e.se, kappa + kZ95 * *e.se};
    }
    return e;
}

} // namespace sg::core
