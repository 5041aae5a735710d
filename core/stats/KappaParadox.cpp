#include "core/stats/KappaParadox.h"

#include "core/stats/CohenKappa.h"
#include "core/stats/PairStatistics.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace sg::core {
namespace {

struct Margins {
    double n = 0.0;
    std::vector<double> row, col; // proportions
};

Margins margins(const ConfusionMatrix& m)
{
    Margins g;
    g.n = static_cast<double>(m.total());
    g.row.assign(static_cast<size_t>(m.classes), 0.0);
    g.col.assign(static_cast<size_t>(m.classes), 0.0);
    for (int i = 0; i < m.classes; ++i)
        for (int j = 0; j < m.classes; ++j) {
            g.row[static_cast<size_t>(i)] += static_cast<double>(m.at(i, j)) / g.n;
            g.col[static_cast<size_t>(j)] += static_cast<double>(m.at(i, j)) / g.n;
        }
    return g;
}

} // namespace

std::optional<double> kappaMax(const ConfusionMatrix& m)
{
    if (m.total() == 0)
        return std::nullopt;
    // Undefined exactly where kappa is: decided on the counts (both raters one and the same class).
    for (int c = 0; c < m.classes; ++c)
        if (m.at(c, c) == m.total())
            return std::nullopt;
    const Margins g = margins(m);
    double best = 0.0, pe = 0.0;
    for (size_t c = 0; c < g.row.size(); ++c) {
        best += std::min(g.row[c], g.col[c]);
        pe += g.row[c] * g.col[c];
    }
    return (best - pe) / (1.0 - pe);
}

std::optional<double> prevalenceIndex(const ConfusionMatrix& m)
{
    if (m.classes != 2 || m.total() == 0)
        return std::nullopt;
    return static_cast<double>(m.at(0, 0) - m.at(1, 1)) / static_cast<double>(m.total());
}

std::optional<double> biasIndex(const ConfusionMatrix& m)
{
    if (m.classes != 2 || m.total() == 0)
        return std::nullopt;
    return static_cast<double>(m.at(0, 1) - m.at(1, 0)) / static_cast<double>(m.total());
}

Ac1Estimate gwetAc1(const ConfusionMatrix& m)
{
    Ac1Estimate e;
    const int k = m.classes;
    if (m.total() == 0 || k < 2)
        return e;
    const Margins g = margins(m);
    std::vector<double> pi(static_cast<size_t>(k));
    double pa = 0.0, pe = 0.0;
    for (int c = 0; c < k; ++c) {
        const auto q = static_cast<size_t>(c);
        pi[q] = (g.row[q] + g.col[q]) / 2.0;
        pe += pi[q] * (1.0 - pi[q]);
        pa += static_cast<double>(m.at(c, c)) / g.n;
    }
    pe /= (k - 1.0);
    const double ac1 = (pa - pe) / (1.0 - pe); // pe <= 1/k < 1
    // Gwet 2008, eq. 30 (f = 0):
    // v = [pa(1-pa) - 4(1-g)(1/(k-1) sum_q p_qq (1-pi_q) - pa pe)
    //      + 4(1-g)^2 (1/(k-1)^2 sum_ql p_ql (1 - (pi_q+pi_l)/2)^2 - pe^2)] / (n (1-pe)^2)
    double diag = 0.0, all = 0.0;
    for (int i = 0; i < k; ++i) {
        diag += static_cast<double>(m.at(i, i)) / g.n * (1.0 - pi[static_cast<size_t>(i)]);
        for (int j = 0; j < k; ++j) {
            const double s = 1.0 - (pi[static_cast<size_t>(i)] + pi[static_cast<size_t>(j)]) / 2.0;
            all += static_cast<double>(m.at(i, j)) / g.n * s * s;
        }
    }
    diag /= (k - 1.0);
    all /= (k - 1.0) * (k - 1.0);
    const double oneMinus = 1.0 - ac1;
    const double bracket =
        pa * (1.0 - pa) - 4.0 * oneMinus * (diag - pa * pe) + 4.0 * oneMinus * oneMinus * (all - pe * pe);
    // 0 in exact arithmetic where agreement is perfect; rounding may leave it a hair below.
    const double variance = std::max(0.0, bracket) / (g.n * (1.0 - pe) * (1.0 - pe));
    e.value = ac1;
    e.se = std::sqrt(variance);
    e.ci95 = std::array<double, 2> {ac1 - kZ95 * *e.se, ac1 + kZ95 * *e.se};
    return e;
}

std::string kappaParadoxSentence(const PairStatistics& s, const std::vector<std::string>& classes)
{
    const auto& kappa = s.kappaUnweighted.value;
    if (!kappa || *kappa >= 0.6 || !s.percentAgreement || *s.percentAgreement < 0.8 || s.n == 0 || !s.kappaMax ||
        !s.pabak || !s.gwetAc1)
        return {};
    const int k = s.confusion.classes;
    int top = 0;
    double share = 0.0;
    for (int c = 0; c < k; ++c) {
        int64_t labels = 0;
        for (int j = 0; j < k; ++j)
            labels += s.confusion.at(c, j) + s.confusion.at(j, c);
        const double p = static_cast<double>(labels) / (2.0 * static_cast<double>(s.n));
        if (p > share) {
            share = p;
            top = c;
        }
    }
    if (share < 0.7)
        return {};
    char buf[512];
    std::string prevalence;
    if (s.prevalenceIndex) {
        char pi[64];
        std::snprintf(pi, sizeof pi, ", prevalence index %.2f", *s.prevalenceIndex);
        prevalence = pi;
    }
    std::snprintf(buf, sizeof buf,
        "Kappa is %.2f although the raters agree on %.1f%% of items because %s makes up %.0f%% of the labels "
        "(%s): chance agreement is then high, so these marginals allow a kappa of at most %.2f (kappa_max), "
        "and PABAK (%.2f) and AC1 (%.2f), which do not depend on prevalence, tell the agreement beyond chance.",
        *kappa, *s.percentAgreement * 100.0, classes[static_cast<size_t>(top)].c_str(), share * 100.0,
        prevalence.empty() ? "skewed prevalence" : ("skewed prevalence" + prevalence).c_str(), *s.kappaMax, *s.pabak,
        *s.gwetAc1);
    return buf;
}

} // namespace sg::core
