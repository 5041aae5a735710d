#pragma once
// How a CNN proposal reads on screen, in the overlay and in the panels: shared by the
// viewer's proposals and labeling, which shows stored predictions.
#include "core/ml/ProposalModel.h"
#include "core/store/ProjectTypes.h"

#include <QString>

namespace sg::ui {

// Overlay text above the box: "CNN rootlet 97%" and, when grades may be shown,
// "grade A 91%". A slice without canal says "no canal found" and never a grade.
QString proposalOverlayText(const sg::core::SliceProposal& proposal, bool showGrades);
// The panel's fuller text: canal confidence, rootlet/cord, every grade's probability.
QString proposalDetailText(const sg::core::SliceProposal& proposal, bool showGrades);
QString percent(double probability); // "97%"

// The same for a stored prediction read back through the store's blinding: grades appear
// only when the store returned them (assisted project, or a lead).
QString predictionOverlayText(const sg::core::Prediction& prediction);
QString predictionDetailText(const sg::core::Prediction& prediction);

} // namespace sg::ui
