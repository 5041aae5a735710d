#pragma once
// Patient-clustered percentile bootstrap of a pair's figures: the slices of one patient are
// not independent, so the resampling unit is the study (cluster), never the slice. It runs on
// counts: each cluster's confusion matrix is built once, and a replicate is the sum of the
// matrices of C clusters drawn with replacement (multinomial cluster weights), so its cost is
// O(replicates x clusters x nonzero cells), independent of the number of slices.
#include "core/stats/AgreementTally.h"

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace sg::core {

class RatingTable;
struct AgreementReport;

inline constexpr int kDefaultBootstrapReplicates = 2000;
inline constexpr uint64_t kDefaultBootstrapSeed = 20241201;

struct BootstrapOptions {
    int replicates = kDefaultBootstrapReplicates; // 0: no bootstrap
    uint64_t seed = kDefaultBootstrapSeed;
};

struct BootstrapFigures {
    int replicates = 0;
    uint64_t seed = 0;
    int64_t clusters = 0; // clusters holding an item both raters labeled
    bool clusteredByItem = false; // no study was known: each item is its own cluster
    // Percentiles 2.5 and 97.5 (linear interpolation, numpy's default) of the replicates where
    // the figure is defined; undefined where no replicate defines it, and with fewer than two
    // clusters (nothing to resample).
    std::optional<std::array<double, 2>> percentAgreement, kappaUnweighted, kappaLinear, kappaQuadratic, gwetAc1,
        f1Macro;
    // Clustered bootstrap variance of the percent agreement over its naive (binomial) variance
    // Po (1 - Po) / n; undefined where Po is 0 or 1.
    std::optional<double> designEffect;
};

// The confusion matrices of one pair per cluster, sparse: cluster c's nonzero cells are
// cells[offsets[c] .. offsets[c+1]) with their counts.
struct ClusterTables {
    int classes = 0;
    std::vector<uint32_t> offsets {0};
    std::vector<uint8_t> cells; // row-major cell index
    std::vector<int64_t> counts;
    int64_t clusters() const { return static_cast<int64_t>(offsets.size()) - 1; }
};

// Bootstraps one pair. Deterministic for a seed on every platform: std::mt19937_64 (its output
// is fixed by the standard) with an unbiased draw that uses no library distribution.
BootstrapFigures bootstrapPair(const ConfusionMatrix& whole, const ClusterTables& tables, BootstrapOptions options);

// The figures the bootstrap resamples, of one (replicate's) matrix, in the engine's definitions
// (PairStatistics.h); NaN where undefined: percent agreement, kappa unweighted, linear,
// quadratic, AC1, macro-F1.
std::array<double, 6> bootstrapFigures(const int64_t* cells, int classes);

// Adds the bootstrap to every pair of every task and binarised view, over all items and per
// level (a level's clusters: the studies among that level's items). Symmetric figures: both
// orders of a pair get the same figures, computed once. The pairs run on every core; each
// draws from a generator seeded with `options.seed`, so the figures do not depend on that, and
// pairs with the same clusters in the same order (the same draws) share one set of draws.
void addBootstrap(AgreementReport& report, const RatingTable& table, BootstrapOptions options);

} // namespace sg::core
