#include "core/stats/Krippendorff.h"

#include <algorithm>
#include <vector>

namespace sg::core {
namespace {

std::optional<double> alpha(
    const std::vector<double>& o, const std::vector<double>& nc, double n, const std::vector<double>& delta)
{
    const size_t k = nc.size();
    double observed = 0.0, expected = 0.0;
    for (size_t c = 0; c < k; ++c)
        for (size_t d = 0; d < k; ++d) {
            observed += o[c * k + d] * delta[c * k + d];
            expected += nc[c] * nc[d] * delta[c * k + d];
        }
    if (expected <= 0.0)
        return std::nullopt;
    return 1.0 - (n - 1.0) * observed / expected;
}

} // namespace

KrippendorffAlpha krippendorffAlpha(const AgreementTally& tally)
{
    const std::vector<double> o = tally.coincidences();
    const auto k = static_cast<size_t>(tally.classCount());
    std::vector<double> nc(k, 0.0);
    double n = 0.0;
    for (size_t c = 0; c < k; ++c)
        for (size_t d = 0; d < k; ++d)
            nc[c] += o[c * k + d];
    for (double v : nc)
        n += v;
    KrippendorffAlpha a;
    if (n < 2.0 - 1e-9)
        return a;
    std::vector<double> nominal(k * k), ordinal(k * k);
    for (size_t c = 0; c < k; ++c)
        for (size_t d = 0; d < k; ++d) {
            nominal[c * k + d] = c == d ? 0.0 : 1.0;
            double between = 0.0;
            for (size_t g = std::min(c, d); g <= std::max(c, d); ++g)
                between += nc[g];
            between -= (nc[c] + nc[d]) / 2.0;
            ordinal[c * k + d] = between * between;
        }
    a.nominal = alpha(o, nc, n, nominal);
    a.ordinal = alpha(o, nc, n, ordinal);
    return a;
}

} // namespace sg::core
