#pragma once
// The whole agreement picture of a rating table: for each task, its scale and (for the
// grade) the binarised views, over all items and per level; in each, every rater's
// marginals, every ordered pair's figures and Fleiss' kappa. Derived from the table's
// counts alone, so it costs O(tasks x levels x R^2 x k^2), independent of the item count.
#include "core/stats/ClassifierReference.h"
#include "core/stats/ClusterBootstrap.h"
#include "core/stats/DawidSkene.h"
#include "core/stats/IntraRater.h"
#include "core/stats/Krippendorff.h"
#include "core/stats/PairStatistics.h"
#include "core/stats/RatingTable.h"

#include <optional>
#include <string>
#include <vector>

namespace sg::core {

struct RaterSummary {
    std::string name;
    int64_t n = 0; // items the rater labeled
    std::vector<int64_t> counts; // per class, scale order
};

struct PairReport {
    std::string reference;
    std::string other;
    PairStatistics stats;
    std::optional<BootstrapFigures> bootstrap; // addBootstrap (ClusterBootstrap.h)
};

struct ScaleReport {
    Scale scale = Scale::Grade;
    int64_t items = 0; // items labeled by at least one rater
    int64_t taskItems = 0; // items of the task (given to the raters, labeled or not)
    std::vector<RaterSummary> raters; // raters with at least one label, sorted by name
    std::vector<PairReport> pairs; // every ordered pair, reference-major
    std::optional<double> fleissKappa;
    std::optional<double> fleissKappaSe; // Fleiss, Nee & Landis 1979 (FleissKappa.h)
    KrippendorffAlpha krippendorffAlpha; // every item with two labels or more
    int64_t fleissItems = 0; // items labeled by every rater
};

struct TaskReport {
    ScaleReport scale;
    std::vector<ScaleReport> views; // grade: A vs B-D, A-B vs C-D; canal: none
};

struct LevelReport {
    std::string level;
    TaskReport report;
};

struct TaskEntry {
    Task task = Task::Grade;
    TaskReport all;
    std::vector<LevelReport> levels; // sorted by level name; only levels given to items
    // The analyzers' latent-class estimate (addDawidSkene, DawidSkene.h): from a project, where
    // the analyzers are known; none for a label CSV.
    std::optional<DawidSkeneReport> dawidSkene;
};

struct AgreementReport {
    std::vector<TaskEntry> tasks; // grade, canal
    // Each classifier against each reference on the grade (ClassifierReference.h): from a
    // project, where the classifiers' probabilities are stored; empty for a label CSV.
    std::vector<ClassifierVsReference> classifiers;
    // What addBootstrap ran with (0 replicates: no bootstrap), and whether no study was known
    // so each item was its own cluster.
    int bootstrapReplicates = 0;
    uint64_t bootstrapSeed = 0;
    bool bootstrapByItem = false;
    // Test-retest per analyzer (IntraRater.h), from a project's blinded re-reads; nullopt for a
    // label CSV (no re-reads there). Never part of the figures between raters above.
    std::optional<std::vector<IntraRaterEntry>> intraRater;
};

// taskItems: the items of the scale's task the raters were given (RatingTable::taskItems);
// a pair's n_dropped is taskItems minus the items both labeled.
ScaleReport computeScaleReport(
    const AgreementTally& tally, Scale scale, const std::vector<std::string>& raterNames, int64_t taskItems);
AgreementReport computeAgreementReport(const RatingTable& table);

} // namespace sg::core
