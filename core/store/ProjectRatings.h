#pragma once
// What the agreement statistics need from a project, read in one snapshot: every rater's
// judgment (rootlet/cord, grade) of every item, with the item's level and a pseudonymous
// study key. Raters are the analyzers (by name), each CNN model (by model name: its most
// recent prediction per item, classes by highest probability) and the lead's consensus.
//
// Nothing here carries a DICOM patient name or ID: studies are keyed "S001", "S002", ...
// in the order they were imported, so a report built from this can leave the building.
#include "core/labels/ItemKey.h"
#include "core/labels/Label.h"
#include "core/labels/RaterName.h" // kConsensusRater
#include "core/util/Result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sg::core {

class ProjectStore;
class RatingTable;
struct ClassifierScores;
struct AgreementReport;

struct RatedItem {
    std::int64_t itemId = 0;
    std::string studyKey; // "S001": pseudonymous, by import order
    std::string level; // "L4/L5", or "" when unassigned
    std::string key; // "S001 L4/L5 #3" (core/labels/ItemKey.h)
    std::string sopUidHash; // keyed hash of the SOP Instance UID (core/store/Deidentify.h)
};

struct Rating {
    std::int64_t itemId = 0;
    std::string rater;
    std::optional<Canal> canal;
    std::optional<Grade> grade;
    // A classifier's grade probabilities (A..D) where its grade is read: AUROC and log loss
    // against each reference (core/stats/ClassifierReference.h). Empty for people.
    std::vector<double> gradeProbabilities;
};

enum class RaterKind { Analyzer, Classifier, Consensus };

struct RaterInfo {
    std::string name;
    RaterKind kind = RaterKind::Analyzer;
};

struct ProjectRatings {
    std::vector<RatedItem> items; // every item of the project, by id
    std::vector<Rating> ratings; // one per (item, rater) with at least one judgment
    std::vector<RaterInfo> raters; // analyzers, then classifiers, then consensus
    ItemKeys keys; // of `items`
};

// Reads the snapshot in one read transaction (consistent while others write).
Result<ProjectRatings> readProjectRatings(ProjectStore& store);

// The key an item has in a RatingTable built from a project, in reports and exports:
// its ItemKey ("S001 L4/L5 #3").
std::string ratingItemKey(const RatedItem& item);

// Fills an empty table (bulk load): every rating, and every item's level.
void fillRatingTable(RatingTable& table, const ProjectRatings& ratings);

// The class a model's probabilities choose (highest; the first of equals), or nullopt when
// there are none. A grade is only read when the canal call is rootlet (or absent), because
// a cord slice has no grade: the same rule labels follow.
std::optional<int> argmaxClass(const std::vector<double>& probabilities);

// The classifiers' grade probabilities by item key (ratingItemKey), for classifierVsReferences.
std::vector<ClassifierScores> classifierScores(const ProjectRatings& ratings);
// Fills report.classifiers: every classifier against each analyzer, the consensus, the
// analyzers' majority and their Dawid-Skene estimate, from the table the report was computed
// from; and each task's Dawid-Skene estimate (seeded with report.bootstrapSeed, stats --seed).
void addClassifierFigures(AgreementReport& report, const RatingTable& table, const ProjectRatings& ratings);

} // namespace sg::core
