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
    // A rater who used one class only makes the marginals degenerate (docs/domain.md): with the
    // reference all in class c, Po = sum_j w_cj col_j = Pe, so kappa is exactly 0; it is
    // undefined only where 1 - Pe = 0, i.e. both used the same single class. Decided on the
    // counts, not on rounding (the formula leaves ~1e-16 where the answer is exactly 0).
    int refSingle = -1, otherSingle = -1;
    for (int c = 0; c < k; ++c) {
        int64_t rowSum = 0, colSum = 0;
        for (int j = 0; j < k; ++j) {
            rowSum += m.at(c, j);
            colSum += m.at(j, c);
        }
        if (rowSum == total)
            refSingle = c;
        if (colSum == total)
            otherSingle = c;
    }
    if (refSingle >= 0 || otherSingle >= 0) {
        KappaEstimate e;
        e.degenerate = true;
        if (refSingle < 0 || otherSingle < 0 || refSingle != otherSingle)
            e.value = 0.0; // its SE is 0 by construction: left undefined (see KappaEstimate)
        return e;
    }

    const double n = static_cast<double>(total);
    std::vector<double> row(static_cast<size_t>(k), 0.0), col(static_cast<size_t>(k), 0.0);
    std::vector<double> w(static_cast<size_t>(k * k));
    for (int i = 0; i < k; ++i)
        for (int j = 0; j < k; ++j) {
            row[static_cast<size_t>(i)] += static_cast<double>(m.at(i, j)) / n;
            col[static_cast<size_t>(j)] += static_cast<double>(m.at(i, j)) / n;
            w[cellIndex(i, j, k)] = agreementWeight(i, j, k, weights);
        }
    auto W = [&](int i, int j) { return w[cellIndex(i, j, k)]; };

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

    // Fleiss-Cohen-Everitt: var = [sum_ij p_ij t_ij^2 - (kappa - pe (1 - kappa))^2] / ((1 - pe)^2 n) with
    // t_ij = w_ij - (wRow_i + wCol_j)(1 - kappa). Since sum_ij p_ij t_ij = kappa - pe (1 - kappa), the
    // bracket is the variance of t under p. Summing squared deviations from the mean keeps it >= 0 and
    // within rounding of t (SE ~1e-16) where it is 0 in exact arithmetic (perfect agreement);
    // the textbook difference of two O(1) terms leaves noise there that the root turns into 1e-8.
    auto t = [&](int i, int j) {
        return W(i, j) - (wRow[static_cast<size_t>(i)] + wCol[static_cast<size_t>(j)]) * (1.0 - kappa);
    };
    double mean = 0.0;
    for (int i = 0; i < k; ++i)
        for (int j = 0; j < k; ++j)
            mean += static_cast<double>(m.at(i, j)) / n * t(i, j);
    double spread = 0.0;
    for (int i = 0; i < k; ++i)
        for (int j = 0; j < k; ++j) {
            const double d = t(i, j) - mean;
            spread += static_cast<double>(m.at(i, j)) / n * d * d;
        }
    const double variance = spread / ((1.0 - pe) * (1.0 - pe) * n);

    KappaEstimate e;
    e.value = kappa;
    e.se = std::sqrt(variance);
    e.ci95 = std::array<double, 2> {kappa - kZ95 * *e.se, kappa + kZ95 * *e.se};
    return e;
}

} // namespace sg::core
