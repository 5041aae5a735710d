#pragma once
// What the study lead's report says about a project, gathered in one snapshot: the project
// summary (items, studies by pseudonymous key, raters, each analyzer's progress), every
// agreement figure, and the items on which raters disagree, for review.
//
// Nothing here may identify a patient: studies are keys ("S001"), items are ItemKeys
// ("S001 L4/L5 #3", core/labels/ItemKey.h); no name, DICOM ID, UID or file path is copied in.
#include "core/labels/ConsensusReason.h"
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

// One item and task on which the analyzers gave more than one distinct label (issue 11: an
// item where the analyzers agree and only a model differs is not one to review), with the
// lead's consensus and reason where decided.
struct Disagreement {
    std::int64_t itemId = 0; // the project's row id (not shown: the key is)
    std::string itemKey; // "S001 L4/L5 #3" (core/labels/ItemKey.h)
    std::string level; // "" when unassigned
    Task task = Task::Grade;
    std::vector<std::optional<std::string>> labels; // per ProjectReport::raters, nullopt: none
    std::optional<std::string> consensus; // the consensus label of this task, where decided
    std::optional<ConsensusReason> reasonCode; // where decided (nullopt for decisions older than codes)
    std::string reason; // the free text beside the code ("" when undecided or none given)
};

struct ProjectReport {
    std::string generatedAt; // UTC ISO 8601
    std::int64_t items = 0;
    std::vector<std::string> studyKeys; // "S001", ... in import order
    std::vector<std::string> analyzers; // every analyzer of the project, by name
    std::vector<std::string> analyzersJoined; // the analyzers but leads, as they joined (colours follow it)
    std::vector<std::string> models; // CNN models with predictions
    bool hasConsensus = false;
    std::vector<std::string> raters; // rating columns: analyzers with labels, models, consensus
    std::vector<std::string> analyzerRaters; // the raters that are analyzers (people), by name
    std::vector<std::string> levels; // the disc levels items were given, sorted; "" not included
    std::int64_t consensusItems = 0; // items with a consensus (canal or grade)
    bool assisted = false; // analyzers saw the CNN's grade while labeling (else blind)
    std::string softwareVersion; // the program's version string; set by the caller (core has none)
    std::vector<AnalyzerProgressRow> progress;
    AgreementReport agreement;
    std::vector<Disagreement> disagreements; // by item key, grade before canal
};

// Reads the project through `store` (one read snapshot for the ratings) and computes it all.
Result<ProjectReport> buildProjectReport(ProjectStore& store);

} // namespace sg::core
