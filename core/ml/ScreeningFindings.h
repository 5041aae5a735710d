#pragma once
// The screening report's findings from the CNN's proposals: per disc level, the slice with the
// worst grade (core::worseFinding, as `screen --json` and the viewer's CNN dock choose it).
#include "core/ml/ProposalModel.h"
#include "core/screening/ScreeningReport.h"

#include <vector>

namespace sg::core {

// One proposed slice of the study, where it lies.
struct ScreenedSlice {
    const Stack* stack = nullptr; // its stack (the level, the slice count)
    int index = 0; // within the stack
    const SliceImage* image = nullptr;
    std::string seriesDescription;
    std::string modality;
    SliceProposal proposal;
};

// Every level with a stack gets a row, graded or not (and why not), cranial to caudal.
ScreeningReport buildScreeningReport(const Study& study, const ModelInfo& model, const std::string& modelStatus,
    const std::vector<ScreenedSlice>& slices);

} // namespace sg::core
