#pragma once
// When the CNN must not grade: a slice unlike anything it was trained on says so instead of
// showing a grade. Three simple checks, each defensible on its own:
//  - a blank slice (no intensity range at all);
//  - input statistics far outside training's: the texture of pure noise (neighbouring pixels
//    as different as any two pixels) measured by InputStatistics::roughness;
//  - the localizer's canal probability below a limit fitted on held-out in-distribution
//    studies ("no canal found"; a brain or a blob image ends here).
// The limits live in the model's manifest (OodLimits), fitted by `spinegrade-cli calibrate`.
#include "core/ml/ModelManifest.h"
#include "core/ml/ProposalModel.h"
#include "core/study/SliceImage.h"

#include <string>
#include <vector>

namespace sg::core {

struct InputStatistics {
    bool blank = false; // no usable intensity range
    // Mean absolute difference of horizontally neighbouring pixels over the robust range
    // (percentiles 2 and 99.5, as the networks normalise). MR slices: a few hundredths;
    // Gaussian noise about 0.24, uniform noise about 0.34.
    double roughness = 0;
};

InputStatistics inputStatistics(const SliceImage& slice);

// Turns a raw proposal of the networks into what the program shows: probabilities after
// the manifest's temperature scaling, and `notGraded` set (canalFound cleared for "no canal
// found") when the slice is out of distribution by the manifest's limits.
void finishProposal(SliceProposal& proposal, const SliceImage& slice, const ModelManifest& manifest);

// A level with no gradable slice whose slices are out of distribution: the most common of
// their reasons ("no canal found", ...). Empty when the level has a graded slice, is a cord
// level (canal found, no Schizas grade) or nothing has been proposed.
std::string levelNotGradedReason(const std::vector<const SliceProposal*>& proposals);

} // namespace sg::core
