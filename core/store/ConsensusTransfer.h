#pragma once
// `consensus import/export`: the lead's decisions as CSV (core/labels/ConsensusCsv.h).
// Import is all or nothing like labels import: one bad row (unknown item, unknown task or
// label, a grade on a cord decision, an unknown reason code, the same item/task twice)
// rejects the file with its line named, and the project is unchanged.
#include "core/store/ProjectTypes.h"
#include "core/util/Result.h"
#include "core/util/Status.h"

#include <string>

namespace sg::core {

class ProjectStore;

struct ConsensusImportSummary {
    int rows = 0;
    int changed = 0; // decisions that changed (history rows with action 'import')
    int unchanged = 0;
};

// `lead` must be a lead of the project: recorded as decided_by. Rows of one item merge into
// one decision (canal and grade rows; an item's rows must give the same reason).
Result<ConsensusImportSummary> importConsensusCsv(ProjectStore& store, const Analyzer& lead, const std::string& path);
// Every decision as rows item (the ItemKey),task,label,reason ("code: text"), then the
// sub-grade, the patch, who decided and when (ConsensusCsv.h); lead only. Importing the file
// into a project of the same studies gives the same decisions.
Status exportConsensusCsv(ProjectStore& store, const Analyzer& as, const std::string& path);

} // namespace sg::core
