#pragma once
// Fleiss' kappa over the items every rater of the scale labeled (statsmodels'
// fleiss_kappa(method='fleiss') on that items x classes table).
#include "core/stats/AgreementTally.h"

#include <optional>

namespace sg::core {

// `sums` over the items holding `raters` labels. Undefined with fewer than 2 raters, no
// such item, or an expected agreement of 1 (every label in one class).
std::optional<double> fleissKappa(const FleissSums& sums, int raters);

} // namespace sg::core
