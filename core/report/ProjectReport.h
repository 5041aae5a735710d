#pragma once
// What the study lead's report says about a project, gathered in one snapshot: the project
// summary (items, studies by pseudonymous key, raters, each analyzer's progress), every
// agreement figure, and the items on which raters disagree, for review.
//
// Nothing here may identify a patient: studies are keys ("S001"), items are ItemKeys
// ("S001 L4/L5 #3", core/labels/ItemKey.h); no name, DICOM ID, UID or file path is copied in.
#include "core/stats/AgreementReport.h"
#include "core/util/Result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sg::core {

class ProjectStore;

struct AnalyzerProgressRow {
    std::string name;
    bool lead = false;
    int done = 0; // worklist items the analyzer labeled (or skipped)
    int total = 0;
};

// One item and task on which the raters (analyzers and models; the consensus is shown
// but does not count) gave more than one distinct label.
struct Disagreement {
    std::string itemKey; // "S001 L4/L5 #3" (core/labels/ItemKey.h)
    std::string level; // "" when unassigned
    Task task = Task::Grade;
    std::vector<std::optional<std::string>> labels; // per ProjectReport::raters, nullopt: none
};

struct ProjectReport {
    std::string generatedAt; // UTC ISO 8601
    std::int64_t items = 0;
    std::vector<std::string> studyKeys; // "S001", ... in import order
    std::vector<std::string> analyzers; // every analyzer of the project, by name
    std::vector<std::string> models; // CNN models with predictions
    bool hasConsensus = false;
    std::vector<std::string> raters; // rating columns: analyzers with labels, models, consensus
    std::vector<AnalyzerProgressRow> progress;
    AgreementReport agreement;
    std::vector<Disagreement> disagreements; // by item key, grade before canal
};

// Reads the project through `store` (one read snapshot for the ratings) and computes it all.
Result<ProjectReport> buildProjectReport(ProjectStore& store);

} // namespace sg::core
