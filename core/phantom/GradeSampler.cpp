#include "core/phantom/GradeSampler.h"

#include <algorithm>

namespace sg::core {
namespace {

// How much more often than average a level is stenotic (L1/L2 .. L5/S1). The mean is 1,
// so averaging over the levels gives back the configured prevalence exactly.
constexpr std::array<double, 5> kLevelWeight {0.35, 0.6, 1.25, 1.85, 0.95};

// Share of A1..A4 among grade A: dorsal layering is the common finding (Schizas 2010).
constexpr std::array<double, 4> kSubgradeShare {0.40, 0.25, 0.20, 0.15};

} // namespace

char gradeLetter(SchizasGrade grade)
{
    return static_cast<char>('A' + static_cast<int>(grade));
}

GradeSampler::GradeSampler(const std::array<double, 4>& prevalence)
{
    double sum = 0;
    for (double v : prevalence)
        sum += v;
    std::array<double, 4> p {1, 0, 0, 0};
    if (sum > 0)
        for (size_t g = 0; g < 4; ++g)
            p[g] = prevalence[g] / sum;
    const double stenotic = 1.0 - p[0];
    // Level weights must not push a level's stenotic share above 1: flatten them toward 1
    // as far as needed (the mean stays 1, so the overall prevalence is kept).
    const double maxExcess = *std::max_element(kLevelWeight.begin(), kLevelWeight.end()) - 1.0;
    const double flatten = stenotic <= 0 ? 1.0 : std::clamp(p[0] / (stenotic * maxExcess), 0.0, 1.0);
    for (size_t l = 0; l < 5; ++l) {
        const double w = 1.0 + (kLevelWeight[l] - 1.0) * flatten;
        for (size_t g = 1; g < 4; ++g)
            m_perLevel[l][g] = p[g] * w;
        m_perLevel[l][0] = std::max(0.0, 1.0 - stenotic * w);
    }
}

std::array<double, 4> GradeSampler::levelProbabilities(Level level) const
{
    return m_perLevel[static_cast<size_t>(level)];
}

LevelGrade GradeSampler::sample(Level level, PhantomRng& rng) const
{
    const auto& p = m_perLevel[static_cast<size_t>(level)];
    // Both draws are always taken so the stream after this call does not depend on the grade.
    const double u = rng.uniform();
    const double v = rng.uniform();
    LevelGrade out;
    double acc = 0;
    for (int g = 0; g < 4; ++g) {
        if (p[static_cast<size_t>(g)] <= 0)
            continue;
        acc += p[static_cast<size_t>(g)];
        out.grade = static_cast<SchizasGrade>(g); // the last possible grade absorbs rounding
        if (u < acc) {
            break;
        }
    }
    if (out.grade == SchizasGrade::A) {
        double s = 0;
        out.subgrade = 4;
        for (int k = 0; k < 4; ++k) {
            s += kSubgradeShare[static_cast<size_t>(k)];
            if (v < s) {
                out.subgrade = k + 1;
                break;
            }
        }
    }
    return out;
}

} // namespace sg::core
