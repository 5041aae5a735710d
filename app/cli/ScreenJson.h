#pragma once
// `spinegrade-cli screen --json`: the stable JSON the README documents (slices, the worst grade
// per level, the files skipped and why, the model), keys in the documented order.
#include "app/cli/ScreenedSlices.h"
#include "core/ml/ProposalModel.h"
#include "core/study/Study.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace sg::cli {

using ScreenJsonDocument = nlohmann::ordered_json; // keys in the documented order

// With `deidentify`, slices are named by their key ("S001 L4/L5 #3": level and ordinal by
// instance number, core/labels/ItemKey.h) instead of their SOP UID, and skipped files are
// counted, not named (README "De-identification").
// `info` null: "model" is null.
ScreenJsonDocument screenJson(const std::vector<ScreenedSlice>& slices, const std::vector<core::SkippedFile>& skipped,
    const core::ModelInfo* info, bool deidentify = false);

} // namespace sg::cli
