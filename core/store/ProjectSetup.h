#pragma once
// A whole new labeling project in one call, as a study lead sets one up from the GUI: scan a
// DICOM folder, create the project file, import the studies, build the worklist, sign the
// lead in. The file is created only after the scan found studies, and removed again if a
// later step fails or is cancelled, so a failed set-up leaves nothing half-made behind.
#include "core/store/ProjectTypes.h"
#include "core/store/Worklist.h"
#include "core/util/Progress.h"
#include "core/util/Result.h"

#include <string>

namespace sg::core {

struct ProjectSetupOptions {
    std::string dicomFolder;
    std::string projectFile; // must not exist
    std::string leadName; // the person setting it up; signed in as a lead
    std::string leadPassphrase; // theirs; stored only as a hash (core/store/Identity.h)
    WorklistOptions worklist;
    bool assisted = false; // analyzers see the CNN's grade
    RereadSettings rereads; // blinded re-reads for intra-rater reliability (off by default)
};

struct ProjectSetupSummary {
    ImportSummary import;
    WorklistSummary worklist;
    int skippedFiles = 0;
};

// `progress` hears (done, total, step), step "scan" or "import". Cancelled, it fails with
// "cancelled; no project was created" and leaves no file behind.
Result<ProjectSetupSummary> setUpProject(const ProjectSetupOptions& options, Progress& progress = Progress::none());

} // namespace sg::core
