#pragma once
// Landis & Koch (1977) interpretation bands of a kappa, as the study lead reads them.
#include <string_view>

namespace sg::core {

// <0 poor, 0-0.20 slight, 0.21-0.40 fair, 0.41-0.60 moderate, 0.61-0.80 substantial,
// 0.81-1 almost perfect. The published bands are in two decimals; a value between them
// (0.205) belongs to the lower band, so each band's upper bound is inclusive.
std::string_view landisKochBand(double kappa);

} // namespace sg::core
