#pragma once
// Reads a ReviewInput from a project in one snapshot: every item with its key, level and
// pixel spacing; each analyzer's label (canal, grade, patch), each model's newest prediction
// (classes by highest probability, as the statistics read them), and which items have a
// consensus (and whether an analyzer's label changed after it). The lead's own labels are
// left out unless the lead is also an analyzer of the project (one person cannot be both
// today: a lead's labels are never an analyzer's).
#include "core/labels/ItemKey.h"
#include "core/review/ReviewQueue.h"
#include "core/store/ProjectTypes.h"
#include "core/util/Result.h"

#include <unordered_map>

namespace sg::core {

class ProjectStore;

struct ReviewSnapshot {
    ReviewInput input;
    std::unordered_map<std::int64_t, Consensus> consensus; // item id -> the lead's decision
};

Result<ReviewSnapshot> readReviewSnapshot(ProjectStore& store);

} // namespace sg::core
