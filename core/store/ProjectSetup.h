#pragma once
// A whole new labeling project in one call, as a study lead sets one up from the GUI: scan a
// DICOM folder, create the project file, import the studies, build the worklist, sign the
// lead in. The file is created only after the scan found studies, and removed again if a
// later step fails or is cancelled, so a failed set-up leaves nothing half-made behind.
#include "core/store/ProjectTypes.h"
#include "core/store/Worklist.h"
#include "core/util/Result.h"

#include <functional>
#include <string>

namespace sg::core {

struct ProjectSetupOptions {
    std::string dicomFolder;
    std::string projectFile; // must not exist
    std::string leadName; // the person setting it up; signed in as a lead
    WorklistOptions worklist;
    bool assisted = false; // analyzers see the CNN's grade
};

struct ProjectSetupSummary {
    ImportSummary import;
    WorklistSummary worklist;
    int skippedFiles = 0;
};

// (step, done, total): step is "scan" or "import"; returning false cancels.
using SetupProgress = std::function<bool(const std::string& step, int done, int total)>;

Result<ProjectSetupSummary> setUpProject(const ProjectSetupOptions& options, const SetupProgress& progress = {});

} // namespace sg::core
