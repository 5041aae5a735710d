#pragma once
// Measures a model on generated studies it never saw: canal centre error, rootlet/cord
// accuracy, grade macro-F1 on rootlet slices (core/stats figures), and how confident it is
// on slices without a lumbar canal. Used by `train`, the tests and the benchmark.
#include "core/ml/ProposalModel.h"
#include "core/stats/PairStatistics.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sg::core {

struct QualityRun {
    uint64_t firstSeed = 900000; // studies firstSeed .. firstSeed + studies - 1, patient 0
    int studies = 12;
    std::vector<int> sizes {256, 384, 512};
    int negatives = 50; // synthetic non-spine slices
};

struct ProposalQualityFigures {
    int slices = 0;
    int canalMissed = 0; // spine slices where canalFound was false
    std::vector<double> centreErrorsMm; // sorted; found slices only
    double canalAccuracy = 0; // rootlet/cord, found slices
    PairStatistics canal; // truth = reference, model = other
    PairStatistics grade; // rootlet slices
    int negatives = 0;
    int negativesFound = 0; // negatives where the model claimed a canal
    double negativeMaxGrade = 0; // highest grade probability on a negative claimed as canal
    double secondsPerSlice = 0;

    double centreErrorPercentile(double p) const;
    std::string text() const; // a few readable lines
    std::string json() const; // the manifest's "quality" object
};

Result<ProposalQualityFigures> measureProposalQuality(ProposalModel& model, const QualityRun& run);

} // namespace sg::core
