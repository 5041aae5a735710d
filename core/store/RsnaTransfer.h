#pragma once
// RSNA 2024 LSDC spinal canal labels in and out of a project (the format: core/labels/Rsna.h).
#include "core/labels/Rsna.h"
#include "core/store/LabelTransfer.h"
#include "core/store/ProjectStore.h"

#include <optional>
#include <string>
#include <vector>

namespace sg::core {

struct RsnaImportSummary {
    int points = 0; // spinal canal points of axial series imported
    int otherConditionRows = 0;
    int otherSeriesRows = 0;
    LabelImportSummary labels;
    // A point whose slice the project puts at another level than RSNA does: the label is
    // imported on that slice, and the project's level stands (exports use it).
    std::vector<std::string> levelWarnings;
};

// The images must already be items of the project (`project import DIR/train_images`, then
// `worklist`): each point's DIR/train_images/{study}/{series}/{instance}.dcm is looked up among
// the items' files. Each point becomes the label of rater `rsna` on that slice: its grade by
// the crosswalk, rootlet, and a square patch centred on the point, 44 mm wide (the shipped
// model's default patch; by the file's pixel spacing, 1 mm when it has none; an even number of
// pixels, so the centre reads back exactly), moved inward if it would leave the image.
// All or nothing, like `labels import`: one bad row rejects the data set with its file and
// line, and the project is unchanged.
// `importer`: who imports (a lead: the labels are rater `rsna`'s), recorded in the history.
Result<RsnaImportSummary> importRsnaLabels(
    ProjectStore& store, const Analyzer& importer, const RsnaDataset& data, const std::string& dir);

struct RsnaExportSummary {
    int studies = 0;
    int levels = 0; // study levels with a grade (rows' cells in train.csv)
    int withoutPatch = 0; // of them, levels whose label has no patch: no coordinate row
    int gradedWithoutLevel = 0; // graded slices with no level (not exported)
};

// The labels of one rater (`rater`) or the lead's consensus (nullopt) as the three RSNA files
// in `dir`. Per study and level, the worst grade among its graded slices (the lowest instance
// number among equals) with that slice and its patch centre. Ids: a slice stored as
// .../{study}/{series}/{instance}.dcm with RSNA ids keeps them; any other slice gets the
// project's pseudonymous study ordinal (1 for S001), the series' row number and its DICOM
// instance number. Images are not copied.
Result<RsnaExportSummary> exportRsnaLabels(
    ProjectStore& store, const std::string& dir, const std::optional<std::string>& rater);

} // namespace sg::core
