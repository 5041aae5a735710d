#pragma once
// Every figure of one pair of raters (reference = rows, other = columns) on one scale,
// derived from their confusion matrix and the number of items dropped for the pair.
// Undefined figures are nullopt (printed as null), never 0 or NaN.
#include "core/stats/AgreementTally.h"
#include "core/stats/CohenKappa.h"
#include "core/stats/SquareTableTests.h"

#include <array>
#include <optional>
#include <vector>

namespace sg::core {

struct ClassFigures {
    std::optional<double> precision; // undefined when `other` never chose the class
    std::optional<double> recall; // undefined when `reference` never chose it (support 0)
    std::optional<double> f1; // 2tp/(2tp+fp+fn); undefined when neither chose it
    int64_t support = 0; // items the reference put in the class
};

struct PairStatistics {
    int64_t n = 0; // items labeled by both raters
    int64_t nDropped = 0; // items of the task that either rater left without a label (nobody's too)
    std::optional<double> percentAgreement;
    std::optional<std::array<double, 2>> percentAgreementCi95; // Wilson
    KappaEstimate kappaUnweighted, kappaLinear, kappaQuadratic;
    std::optional<double> pabak; // (k Po - 1)/(k - 1), k = classes of the scale
    std::optional<double> gwetAc1; // Gwet 2008, chance 1/(k-1) sum pi_q (1 - pi_q)
    std::optional<double> gwetAc1Se; // Gwet 2008's variance (core/stats/KappaParadox.h)
    std::optional<std::array<double, 2>> gwetAc1Ci95;
    // The kappa paradox explained (KappaParadox.h): the largest kappa the marginals allow, and
    // Byrt's prevalence and bias indices (2 classes only).
    std::optional<double> kappaMax;
    std::optional<double> prevalenceIndex;
    std::optional<double> biasIndex;
    // Systematic bias between the two raters (SquareTableTests.h).
    std::optional<ChiSquareTest> stuartMaxwell;
    std::optional<ChiSquareTest> bowker;
    // Macro-F1 averages the classes either rater used (sklearn's labels=None), counting a
    // class one rater never chose as F1 0 (sklearn's zero_division default), so it equals
    // sklearn's f1_score(average='macro'); weighted-F1 weights by support (average='weighted').
    std::optional<double> f1Macro;
    std::optional<double> f1Weighted;
    std::vector<ClassFigures> perClass; // scale order
    ConfusionMatrix confusion;
    std::vector<int64_t> distanceCounts; // [d] = items with |class difference| d; [0] = agreements
};

PairStatistics computePairStatistics(const ConfusionMatrix& confusion, int64_t nDropped);

// Wilson score interval for x successes in n trials at 95%; n must be > 0.
std::array<double, 2> wilsonInterval(int64_t x, int64_t n);

} // namespace sg::core
