#pragma once
// Cohen's kappa of one confusion matrix, unweighted or with linear / quadratic agreement
// weights, with the large-sample standard error of Fleiss, Cohen & Everitt (1969): the
// variance statsmodels' cohens_kappa (std_kappa) and R's vcd::Kappa report.
#include "core/stats/AgreementTally.h"

#include <array>
#include <optional>

namespace sg::core {

// The 97.5% standard normal quantile (printed as 1.959964) at full precision, so CIs
// equal statsmodels' and R's to the last digit.
inline constexpr double kZ95 = 1.959963984540054;

enum class KappaWeights { Unweighted, Linear, Quadratic };

// Kappa is undefined (nullopt) only where its denominator 1 - Pe is 0: both raters gave one
// and the same class to every item. Where just one rater used one class only (or each used a
// single, different class), Pe = Po exactly and kappa is exactly 0, as statsmodels, R's vcd and
// irr report it; the marginals are then `degenerate`. Its large-sample variance is 0 by
// construction there (kappa is 0 whatever the other rater did), so no SE or CI is given: an
// interval [0, 0] would read as a precise measurement of chance agreement.
struct KappaEstimate {
    std::optional<double> value;
    std::optional<double> se; // undefined with the value, and where degenerate
    std::optional<std::array<double, 2>> ci95; // value -/+ kZ95 * se
    bool degenerate = false; // a rater used one class only (also when the value is undefined)
};

// Weights use the whole scale (k classes, absent ones included), as vcd::Kappa does:
// linear 1 - |i-j|/(k-1) ("Equal-Spacing"), quadratic 1 - (i-j)^2/(k-1)^2 ("Fleiss-Cohen");
// statsmodels' wt='linear'/'quadratic' on the k x k table are the same weights.
KappaEstimate cohenKappa(const ConfusionMatrix& m, KappaWeights weights);

} // namespace sg::core
