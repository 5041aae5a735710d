#pragma once
// Where review mode meets core's stores: each rater's whole read of an item (the queue's
// snapshot has only what ranking needs; the lead's table also shows sub-grade, comment and
// time spent), and the consensus draft to and from core's Consensus.
#include "core/store/ProjectTypes.h"
#include "core/util/Result.h"
#include "ui/review/ReviewController.h"

#include <cstdint>
#include <vector>

namespace sg::core {
class ProjectStore;
} // namespace sg::core

namespace sg::ui {

// Analyzers (not the lead: a lead's labels are never an analyzer's) by id, then models by name.
sg::core::Result<std::vector<RaterRead>> readRaterReads(
    sg::core::ProjectStore& store, const sg::core::Analyzer& lead, std::int64_t itemId);
ConsensusDraft draftOf(const sg::core::Consensus& consensus);
sg::core::Consensus consensusOf(std::int64_t itemId, const ConsensusDraft& draft);

} // namespace sg::ui
