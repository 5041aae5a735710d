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
// Each changed label gets an audit row (action "import", changed by its rater, imported_by
// the importer: both are in the audit chain). A lead may import any rater's labels (and name
// new raters); an analyzer only their own: a row of another rater refuses the file.
Result<LabelImportSummary> importLabelRows(
    ProjectStore& store, const Analyzer& importer, const std::vector<LabelRow>& rows, const std::string& sourceName);

// Every label of the project (the lead's view): a grade row and a canal row per label, the
// label empty where the task has none. Sorted by item then rater. Rows carry every part of
// the label: the patch on the canal row, sub-grade, comment and seconds on the grade row
// (written with `labels export --full`). Optional columns a file has set those parts on
// import (an empty cell: none); a patch is checked against its slice's image size.
Result<std::vector<LabelRow>> exportLabelRows(ProjectStore& store);

// Every label as a JSON array, one object per label (and per line): item (SOP instance UID),
// key (the ItemKey, "S001 L4/L5 #3"), study (the pseudonymous key of the report, "S001"),
// level, rater, canal, grade, subgrade,
// patch {x, y, w, h} in pixels, comment, seconds, updated_at; null where there is none.
Result<std::string> exportLabelsJson(ProjectStore& store);

} // namespace sg::core
