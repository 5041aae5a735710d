#pragma once
// Labels in and out of a project as the label CSV (core/labels/LabelCsv.h).
#include "core/labels/LabelCsv.h"
#include "core/store/ProjectStore.h"

#include <string>
#include <vector>

namespace sg::core {

struct LabelImportSummary {
    int rows = 0;
    int changedLabels = 0; // labels created or changed (unchanged ones are not rewritten)
    int newRaters = 0; // raters the file named that the project did not know (created as analyzers)
};

// All rows or nothing: one transaction; any bad row (unknown item, a grade on a cord slice,
// the same item/rater/task twice) rejects the file with its line named and the project unchanged.
// Each changed label gets an audit row (action "import", changed by its rater).
Result<LabelImportSummary> importLabelRows(
    ProjectStore& store, const std::vector<LabelRow>& rows, const std::string& sourceName);

// Every label of the project (the lead's view): a grade row and a canal row per label, the
// label empty where the task has none. Sorted by item then rater.
Result<std::vector<LabelRow>> exportLabelRows(ProjectStore& store);

} // namespace sg::core
