#pragma once
// Fits a model's temperatures and out-of-distribution limits on held-out generated studies
// and measures the expected calibration error in distribution and under each acquisition
// shift (ImageShifts.h), before and after scaling. `spinegrade-cli calibrate` writes the
// result into the model's manifest; the model card quotes the table.
#include "core/ml/Calibration.h"
#include "core/ml/ImageShifts.h"
#include "core/ml/ModelManifest.h"
#include "core/ml/ProposalModel.h"
#include "core/util/Result.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace sg::core {

struct CalibrationRun {
    // Seeds disjoint from training's (1000..1059 for the shipped model), train's quality check
    // (900000..), bench_proposals (700000..) and the tests: T and the limits are fitted on one set, the table is
    // measured on another, so the reported ECE is not the fit's own.
    uint64_t fitSeed = 500000;
    int fitStudies = 8;
    uint64_t testSeed = 510000;
    int testStudies = 8;
    std::vector<int> sizes {256, 384, 512};
    int negatives = 40; // synthetic non-spine slices, plus noise and blank images, in the test
    std::function<void(const std::string&)> log;
};

struct ShiftFigures {
    ImageShift shift = ImageShift::None;
    int gradeN = 0; // rootlet slices
    int canalN = 0; // spine slices (rootlet/cord head)
    double gradeAccuracy = 0;
    double gradeEceBefore = 0, gradeEceAfter = 0;
    double canalEceBefore = 0, canalEceAfter = 0;
    int notGraded = 0; // spine slices the fitted limits call out of distribution
};

struct CalibrationResult {
    double gradeTemperature = 1;
    double canalTemperature = 1;
    OodLimits ood;
    std::vector<ShiftFigures> shifts; // measured on the test seeds
    int negatives = 0, negativesNotGraded = 0; // non-spine slices (brain, blobs, noise, blank)
    int fitGradeN = 0, fitCanalN = 0;
    std::string text() const; // the table as the command prints it
    std::string markdown() const; // the same for the model card
    std::string json() const; // the manifest's "calibration" object
};

// `model` must be the one whose manifest gets the result; its current temperatures and
// limits do not matter (raw logits are used).
Result<CalibrationResult> calibrateProposalModel(ProposalModel& model, const CalibrationRun& run);

} // namespace sg::core
