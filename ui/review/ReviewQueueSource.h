#pragma once
// Where review mode meets core: the queue (core's ranking and kinds), each rater's read of an
// item, and the consensus store (record, read, undo/redo). The one place that knows core's
// review API, so the controller and the widgets speak the GUI's own small types.
#include "core/store/ProjectTypes.h"
#include "core/util/Result.h"
#include "core/util/Status.h"
#include "ui/review/ReviewController.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace sg::core {
class ProjectStore;
class ItemKeys;
} // namespace sg::core

namespace sg::ui {

sg::core::Result<std::vector<ReviewEntry>> readReviewEntries(
    sg::core::ProjectStore& store, const sg::core::Analyzer& lead, const sg::core::ItemKeys& keys);
// Analyzers (not the lead, unless the lead is also an analyzer) by id, then models by name.
sg::core::Result<std::vector<RaterRead>> readRaterReads(
    sg::core::ProjectStore& store, const sg::core::Analyzer& lead, std::int64_t itemId);
sg::core::Result<std::optional<sg::core::Consensus>> readConsensus(
    sg::core::ProjectStore& store, const sg::core::Analyzer& lead, std::int64_t itemId);
std::optional<sg::core::Patch> consensusPatch(const sg::core::Consensus& consensus);
QString consensusReason(const sg::core::Consensus& consensus);
QString consensusNote(const sg::core::Consensus& consensus);
sg::core::Status saveConsensusDraft(
    sg::core::ProjectStore& store, const sg::core::Analyzer& lead, std::int64_t itemId, const ConsensusDraft& draft);
// The item whose consensus changed; nullopt when there was nothing to undo (redo).
sg::core::Result<std::optional<std::int64_t>> undoConsensus(
    sg::core::ProjectStore& store, const sg::core::Analyzer& lead, bool redo);

} // namespace sg::ui
