#pragma once
// What intra-rater reliability needs from a project: for each analyzer, every re-read the
// worklist scheduled for them with the first read's and the re-read's judgments
// (core/stats/IntraRater.h computes the figures). Read in one snapshot.
#include "core/stats/IntraRater.h"
#include "core/util/Result.h"
#include "core/util/Status.h"

#include <vector>

namespace sg::core {

class ProjectStore;

// Analyzers by name; an analyzer without re-reads is not listed.
Result<std::vector<AnalyzerRereads>> readRereads(ProjectStore& store);

struct AgreementReport;
// Sets report.intraRater from the project's re-reads (an empty list when there are none).
Status addIntraRater(AgreementReport& report, ProjectStore& store);

} // namespace sg::core
