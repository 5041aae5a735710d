#pragma once
// The lead's linkage file (`project import --linkage FILE`): the one place that maps a
// project's pseudonymous study keys back to the patients, written beside the project and
// never inside it; nothing that exports reads it. README "De-identification".
//   key,patient_id,patient_name,study_date
//   S001,PID-4711,DOE^JANE,20240517
#include "core/study/Study.h"
#include "core/util/Result.h"
#include "core/util/Status.h"

#include <string>
#include <vector>

namespace sg::core {

class ProjectStore;

struct LinkageRow {
    std::string key; // "S001": the study's ordinal by first import (core/labels/ItemKey.h)
    std::string patientId;
    std::string patientName;
    std::string studyDate;
};

// The rows of the studies of `scan`, imported into `store` already, keyed as the project keys
// them (the ordinal of the study's row among the project's studies).
Result<std::vector<LinkageRow>> linkageRows(ProjectStore& store, const ScanResult& scan);

// Writes (or adds to) the linkage file with mode 0600 (owner read/write only). A study already
// in the file keeps its row. Refuses the project file itself and its SQLite companions.
Status checkLinkagePath(const std::string& path, const std::string& projectPath);
Status writeLinkageFile(const std::string& path, const std::string& projectPath, const std::vector<LinkageRow>& rows);

} // namespace sg::core
