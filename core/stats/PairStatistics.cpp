#include "core/stats/PairStatistics.h"

#include "core/stats/KappaParadox.h"

#include <cmath>
#include <cstdlib>

namespace sg::core {

std::array<double, 2> wilsonInterval(int64_t x, int64_t n)
{
    const double nn = static_cast<double>(n);
    const double p = static_cast<double>(x) / nn;
    const double z2 = kZ95 * kZ95;
    const double denom = 1.0 + z2 / nn;
    const double center = (p + z2 / (2.0 * nn)) / denom;
    const double half = kZ95 * std::sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn)) / denom;
    return {center - half, center + half};
}

PairStatistics computePairStatistics(const ConfusionMatrix& m, int64_t nDropped)
{
    PairStatistics s;
    const int k = m.classes;
    s.n = m.total();
    s.nDropped = nDropped;
    s.confusion = m;
    s.distanceCounts.assign(static_cast<size_t>(k), 0);
    s.perClass.resize(static_cast<size_t>(k));
    std::vector<int64_t> row(static_cast<size_t>(k), 0), col(static_cast<size_t>(k), 0);
    int64_t agree = 0;
    for (int i = 0; i < k; ++i)
        for (int j = 0; j < k; ++j) {
            row[static_cast<size_t>(i)] += m.at(i, j);
            col[static_cast<size_t>(j)] += m.at(i, j);
            s.distanceCounts[static_cast<size_t>(std::abs(i - j))] += m.at(i, j);
        }
    for (int c = 0; c < k; ++c) {
        agree += m.at(c, c);
        ClassFigures& f = s.perClass[static_cast<size_t>(c)];
        const int64_t tp = m.at(c, c);
        const int64_t rows = row[static_cast<size_t>(c)];
        const int64_t cols = col[static_cast<size_t>(c)];
        f.support = rows;
        if (cols > 0)
            f.precision = static_cast<double>(tp) / static_cast<double>(cols);
        if (rows > 0)
            f.recall = static_cast<double>(tp) / static_cast<double>(rows);
        if (rows + cols > 0) // 2tp + fp + fn
            f.f1 = 2.0 * static_cast<double>(tp) / static_cast<double>(rows + cols);
    }
    if (s.n == 0)
        return s;

    const double n = static_cast<double>(s.n);
    const double po = static_cast<double>(agree) / n;
    s.percentAgreement = po;
    s.percentAgreementCi95 = wilsonInterval(agree, s.n);
    s.kappaUnweighted = cohenKappa(m, KappaWeights::Unweighted);
    s.kappaLinear = cohenKappa(m, KappaWeights::Linear);
    s.kappaQuadratic = cohenKappa(m, KappaWeights::Quadratic);
    s.pabak = (k * po - 1.0) / (k - 1.0);

    double chance = 0.0;
    for (int c = 0; c < k; ++c) {
        const auto q = static_cast<size_t>(c);
        const double pi = static_cast<double>(row[q] + col[q]) / (2.0 * n);
        chance += pi * (1.0 - pi);
    }
    chance /= (k - 1.0);
    s.gwetAc1 = (po - chance) / (1.0 - chance); // chance <= 1/k < 1: always defined
    const Ac1Estimate ac1 = gwetAc1(m);
    s.gwetAc1Se = ac1.se;
    s.gwetAc1Ci95 = ac1.ci95;
    s.kappaMax = kappaMax(m);
    s.prevalenceIndex = prevalenceIndex(m);
    s.biasIndex = biasIndex(m);
    s.stuartMaxwell = stuartMaxwell(m);
    s.bowker = bowker(m);

    double macro = 0.0, weighted = 0.0;
    int present = 0;
    for (int c = 0; c < k; ++c) {
        const ClassFigures& f = s.perClass[static_cast<size_t>(c)];
        if (!f.f1)
            continue; // neither rater used the class: not averaged
        macro += *f.f1;
        weighted += *f.f1 * static_cast<double>(f.support);
        ++present;
    }
    s.f1Macro = macro / present;
    s.f1Weighted = weighted / n;
    return s;
}

} // namespace sg::core
