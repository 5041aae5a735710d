#pragma once
// The figures that explain a low kappa beside a high agreement (the kappa paradox): how far
// the marginals let kappa go, how skewed the classes are and how differently the two raters
// use them, and Gwet's AC1 with its uncertainty. All from one pair's confusion matrix
// (reference = rows).
#include "core/stats/AgreementTally.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace sg::core {

// kappa_max (Cohen 1960; Sim & Wright 2005): the unweighted kappa of the best table these
// marginals allow, (sum_c min(p_c., p_.c) - Pe)/(1 - Pe). Undefined where kappa is (1 - Pe = 0).
std::optional<double> kappaMax(const ConfusionMatrix& m);

// Byrt, Bishop & Carlin (1993), on a 2 x 2 table [[a, b], [c, d]] (first class first):
// prevalence index (a - d)/n and bias index (b - c)/n, signed. Defined for two classes only
// (the binarised views and rootlet/cord); the grade's 4 x 4 table has none (nullopt).
std::optional<double> prevalenceIndex(const ConfusionMatrix& m);
std::optional<double> biasIndex(const ConfusionMatrix& m);

// Gwet's AC1 (chance 1/(k-1) sum pi_q (1 - pi_q)) with the variance of Gwet (2008, Br J Math
// Stat Psychol 61:29-48, eq. 30 with f = 0), the normal 95% CI beside it. Undefined without items.
struct Ac1Estimate {
    std::optional<double> value;
    std::optional<double> se;
    std::optional<std::array<double, 2>> ci95;
};
Ac1Estimate gwetAc1(const ConfusionMatrix& m);

struct PairStatistics;

// One sentence that tells why kappa is low beside a high agreement when one class dominates
// (the kappa paradox), with kappa_max, PABAK, AC1 and (2 classes) the prevalence index; empty
// when it does not apply: kappa undefined or >= 0.6, agreement < 80%, or no class holding at
// least 70% of both raters' labels. `classes`: the scale's class names.
std::string kappaParadoxSentence(const PairStatistics& s, const std::vector<std::string>& classes);

} // namespace sg::core
