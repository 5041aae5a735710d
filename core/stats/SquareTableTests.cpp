#include "core/stats/SquareTableTests.h"

#include <cmath>
#include <numbers>
#include <vector>

namespace sg::core {

double chiSquareSurvival(double x, int df)
{
    if (x <= 0.0)
        return 1.0;
    const double h = x / 2.0;
    if (df % 2 == 0) { // e^-h sum_{i<df/2} h^i / i!
        double term = 1.0, sum = 1.0;
        for (int i = 1; i < df / 2; ++i) {
            term *= h / i;
            sum += term;
        }
        return std::exp(-h) * sum;
    }
    // Odd: erfc(sqrt(h)) + e^-h sum_{i=1}^{(df-1)/2} h^(i-1/2) / Gamma(i+1/2).
    double term = std::sqrt(h) / std::tgamma(1.5), sum = 0.0;
    for (int i = 1; i <= (df - 1) / 2; ++i) {
        sum += term;
        term *= h / (i + 0.5);
    }
    return std::erfc(std::sqrt(h)) + std::exp(-h) * sum;
}

std::optional<ChiSquareTest> stuartMaxwell(const ConfusionMatrix& m)
{
    const int k = m.classes;
    const int64_t total = m.total();
    if (total == 0)
        return std::nullopt;
    if (k == 1)
        return ChiSquareTest {0.0, 0, 1.0};
    const int q = k - 1;
    const double n = static_cast<double>(total);
    auto p = [&](int i, int j) { return static_cast<double>(m.at(i, j)) / n; };
    std::vector<double> d(static_cast<size_t>(q)), v(static_cast<size_t>(q * q));
    for (int i = 0; i < q; ++i) {
        double row = 0.0, col = 0.0;
        for (int j = 0; j < k; ++j) {
            row += p(i, j);
            col += p(j, i);
        }
        d[static_cast<size_t>(i)] = col - row;
        for (int j = 0; j < q; ++j)
            v[static_cast<size_t>(i * q + j)] = i == j ? row + col - 2.0 * p(i, i) : -(p(i, j) + p(j, i));
    }
    // Solves V x = d by Gaussian elimination with partial pivoting (LAPACK's dgesv for q <= 3);
    // a zero pivot is the singular matrix numpy refuses.
    std::vector<double> x = d;
    for (int c = 0; c < q; ++c) {
        int pivot = c;
        for (int r = c + 1; r < q; ++r)
            if (std::abs(v[static_cast<size_t>(r * q + c)]) > std::abs(v[static_cast<size_t>(pivot * q + c)]))
                pivot = r;
        const double pv = v[static_cast<size_t>(pivot * q + c)];
        if (std::abs(pv) < 1e-14) // exact zero up to the rounding of the eliminations
            return std::nullopt;
        if (pivot != c) {
            for (int j = 0; j < q; ++j)
                std::swap(v[static_cast<size_t>(c * q + j)], v[static_cast<size_t>(pivot * q + j)]);
            std::swap(x[static_cast<size_t>(c)], x[static_cast<size_t>(pivot)]);
        }
        for (int r = c + 1; r < q; ++r) {
            const double f = v[static_cast<size_t>(r * q + c)] / pv;
            for (int j = c; j < q; ++j)
                v[static_cast<size_t>(r * q + j)] -= f * v[static_cast<size_t>(c * q + j)];
            x[static_cast<size_t>(r)] -= f * x[static_cast<size_t>(c)];
        }
    }
    for (int r = q - 1; r >= 0; --r) {
        double s = x[static_cast<size_t>(r)];
        for (int j = r + 1; j < q; ++j)
            s -= v[static_cast<size_t>(r * q + j)] * x[static_cast<size_t>(j)];
        x[static_cast<size_t>(r)] = s / v[static_cast<size_t>(r * q + r)];
    }
    double statistic = 0.0;
    for (int i = 0; i < q; ++i)
        statistic += d[static_cast<size_t>(i)] * x[static_cast<size_t>(i)];
    statistic *= n;
    return ChiSquareTest {statistic, q, chiSquareSurvival(statistic, q)};
}

std::optional<ChiSquareTest> bowker(const ConfusionMatrix& m)
{
    const int k = m.classes;
    if (m.total() == 0 || k < 2)
        return std::nullopt;
    double statistic = 0.0;
    for (int i = 0; i < k; ++i)
        for (int j = i + 1; j < k; ++j) {
            const int64_t a = m.at(i, j), b = m.at(j, i);
            if (a + b > 0)
                statistic += static_cast<double>((a - b) * (a - b)) / static_cast<double>(a + b);
        }
    const int df = k * (k - 1) / 2;
    return ChiSquareTest {statistic, df, chiSquareSurvival(statistic, df)};
}

} // namespace sg::core
