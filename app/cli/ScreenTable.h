#pragma once
// `spinegrade-cli screen` without --json: the model, then a line per slice (level, canal, patch,
// rootlet/cord and grade probabilities, or why it was not graded), then the worst grade per level.
#include "app/cli/ScreenedSlices.h"
#include "core/ml/ProposalModel.h"

#include <vector>

namespace sg::cli {

// On stdout.
void printScreenTable(const std::vector<ScreenedSlice>& slices, const core::ModelInfo& info);

} // namespace sg::cli
