#pragma once
// Fleiss' kappa over the items every rater of the scale labeled (statsmodels'
// fleiss_kappa(method='fleiss') on that items x classes table).
#include "core/stats/AgreementTally.h"

#include <optional>

namespace sg::core {

// `sums` over the items holding `raters` labels. Undefined with fewer than 2 raters, no
// such item, or an expected agreement of 1 (every label in one class).
std::optional<double> fleissKappa(const FleissSums& sums, int raters);

// Its standard error under the null hypothesis of chance agreement (Fleiss, Nee & Landis 1979,
// as R's irr::kappam.fleiss reports it): var = 2 [(sum p_j q_j)^2 - sum p_j q_j (q_j - p_j)] /
// [N R (R - 1) (sum p_j q_j)^2], p_j the share of class j, q_j = 1 - p_j. Undefined with the kappa.
std::optional<double> fleissKappaSe(const FleissSums& sums, int raters);

} // namespace sg::core
