#pragma once
// The lead's consensus: one decision per item (judgment, patch, reason code + text, who, when),
// written only by a lead, every change appended to consensus_history (triggers refuse UPDATE
// and DELETE there), with undo/redo of the lead's own changes replayed from that history as
// labels do (ProjectStore::undo). ProjectStore::saveConsensus is setConsensus without the result.
//
// Every function is one transaction; failures are values naming the file and what was wrong.
#include "core/store/ProjectTypes.h"
#include "core/util/Result.h"
#include "core/util/Status.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace sg::core {

class ProjectStore;

// Validates (a lead, an item of the project, the label rules: no grade on cord, sub-grade only
// with A, a patch of positive size, a reason code) and stores the decision with `lead` as
// decided_by and now as decided_at. The same value again changes nothing (no history row).
// Returns the stored decision.
Result<Consensus> setConsensus(ProjectStore& store, const Analyzer& lead, const Consensus& decision);
// Removes the item's decision (a history row with no new value); nothing to remove is fine.
Status clearConsensus(ProjectStore& store, const Analyzer& lead, std::int64_t itemId);
// A lead sees every decision; an analyzer sees none (blinded).
Result<std::optional<Consensus>> readConsensus(ProjectStore& store, const Analyzer& as, std::int64_t itemId);
Result<std::vector<Consensus>> allConsensus(ProjectStore& store, const Analyzer& as); // by item id
// Every decision, for the statistics, the report and the review snapshot (which, like
// readProjectRatings, read the whole project and have no viewer to blind).
Result<std::vector<Consensus>> readAllConsensus(ProjectStore& store);
Result<std::vector<ConsensusHistoryEntry>> consensusHistory(
    ProjectStore& store, const Analyzer& as, std::int64_t itemId);
// Undo/redo `lead`'s own set/undo/redo changes, newest first; each is a new history row.
// Imports are not undone here (a file is undone by importing the previous export).
Result<ConsensusUndoOutcome> undoConsensus(ProjectStore& store, const Analyzer& lead);
Result<ConsensusUndoOutcome> redoConsensus(ProjectStore& store, const Analyzer& lead);
// The newest consensus_history id (0: none): moves with any change by any connection.
Result<std::int64_t> consensusVersion(ProjectStore& store);

} // namespace sg::core
