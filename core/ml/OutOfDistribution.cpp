#include "core/ml/OutOfDistribution.h"

#include "core/ml/Calibration.h"
#include "core/ml/SliceSampler.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace sg::core {

InputStatistics inputStatistics(const SliceImage& slice)
{
    InputStatistics s;
    if (slice.rows < 2 || slice.columns < 2 || slice.pixelCount() != size_t(slice.rows) * size_t(slice.columns)) {
        s.blank = true;
        return s;
    }
    const IntensityScale scale = robustIntensityScale(slice);
    // robustIntensityScale answers a flat slice with a range of exactly 1 from its low value:
    // check the extremes directly, so a constant image is "blank" whatever its grey level.
    float lo = slice.valueAt(0), hi = lo;
    const size_t n = slice.pixelCount();
    for (size_t i = 0; i < n; i += 7) {
        const float v = slice.valueAt(i);
        if (std::isfinite(v))
            lo = std::min(lo, v), hi = std::max(hi, v);
    }
    const double range = static_cast<double>(scale.high) - scale.low;
    if (!(hi - lo > 1e-6f * std::max(1.0f, std::abs(hi))) || !(range > 0)) {
        s.blank = true;
        return s;
    }
    // Every few rows, every pixel of the row: cheap (about 64k pixels) and direction-free enough.
    const int step = std::max(1, slice.rows / 128);
    double sum = 0;
    size_t count = 0;
    for (int r = 0; r < slice.rows; r += step)
        for (int c = 0; c + 1 < slice.columns; ++c) {
            const double d = std::abs(static_cast<double>(slice.at(r, c + 1)) - slice.at(r, c));
            if (std::isfinite(d))
                sum += std::min(d, range), ++count; // one wild pixel does not make a texture
        }
    s.roughness = count ? sum / static_cast<double>(count) / range : 0;
    return s;
}

void finishProposal(SliceProposal& p, const SliceImage& slice, const ModelManifest& m)
{
    p.grade = calibratedProbabilities(p.gradeLogits, m.gradeTemperature);
    p.canal = calibratedProbabilities(p.canalLogits, m.canalTemperature);
    p.notGraded.clear();
    const InputStatistics stats = inputStatistics(slice);
    char why[160];
    if (stats.blank) {
        p.notGraded = "blank image";
    } else if (m.ood.roughnessMax > 0 && stats.roughness > m.ood.roughnessMax) {
        std::snprintf(why, sizeof why,
            "input unlike the training images (noise-like texture %.2f, training's at most %.2f)", stats.roughness,
            m.ood.roughnessMax);
        p.notGraded = why;
    } else if (!p.canalFound || p.canalConfidence < m.ood.canalConfidenceMin) {
        p.notGraded = kNoCanalReason;
    }
    if (!p.notGraded.empty() && p.canalFound) {
        p.canalFound = false; // no patch is claimed on a slice the model must not read
        p.patch.reset();
    }
}

std::string levelNotGradedReason(const std::vector<const SliceProposal*>& proposals)
{
    std::map<std::string, int> reasons;
    std::string first;
    for (const SliceProposal* p : proposals) {
        if (!p)
            continue;
        if (proposedGrade(*p) || (p->canalFound && p->notGraded.empty()))
            return {}; // graded, or a cord slice: the level is in distribution
        if (!p->notGraded.empty() && ++reasons[p->notGraded] == 1 && first.empty())
            first = p->notGraded;
    }
    std::string best = first;
    for (const auto& [reason, count] : reasons)
        if (count > reasons[best])
            best = reason;
    return best;
}

} // namespace sg::core
