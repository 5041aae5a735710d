#pragma once
// Krippendorff's alpha for any number of raters with missing labels allowed (Krippendorff
// 2011, "Computing Krippendorff's alpha-reliability"): alpha = 1 - (n - 1) sum o_cd delta_cd /
// sum n_c n_d delta_cd over the coincidence matrix of the items holding two labels or more.
#include "core/stats/AgreementTally.h"

#include <optional>

namespace sg::core {

struct KrippendorffAlpha {
    std::optional<double> nominal; // delta 1 for c != d
    std::optional<double> ordinal; // delta (sum_{g=c..d} n_g - (n_c + n_d)/2)^2
};

// Undefined without two pairable labels, or when every pairable label is one class (no
// expected disagreement).
KrippendorffAlpha krippendorffAlpha(const AgreementTally& tally);

} // namespace sg::core
