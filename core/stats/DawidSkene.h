#pragma once
// Dawid & Skene (1979): a latent-class estimate of each rater's confusion matrix from labels
// alone, by EM. Each item has an unknown true class; each rater labels it through their own
// confusion matrix (rows = true class, columns = the rater's label). The estimate is the last
// reference the classifiers are judged against (ClassifierReference.h): how much the model's
// figures depend on the reference chosen is the point (docs/domain.md).
//
// Runs over the analyzers' labels only (the human raters; not the classifiers, not the
// consensus), per task, with missing labels allowed:
//   start  the majority vote of each item's labels as a one-hot posterior, ties broken by a
//          seeded draw (std::mt19937_64, the same on every platform);
//   M-step class priors and confusion rows from the posteriors, each count plus a pseudocount
//          of kDawidSkeneSmoothing, so a class nobody used gives a small probability, not 0/0;
//   E-step posteriors from the priors and matrices (in logs), and the log-likelihood
//          sum_i log sum_k prior_k prod_r theta_r[k][label_ir];
//   stop   when the log-likelihood changes by less than 1e-8, or after 500 iterations.
#include "core/labels/LabelCsv.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace sg::core {

class RatingTable;
struct AgreementReport;

inline constexpr double kDawidSkeneSmoothing = 0.01;

struct DawidSkeneOptions {
    uint64_t seed = 20241201; // the tie-break of the majority start (stats --seed)
    int maxIterations = 500;
    double tolerance = 1e-8; // on the change of the log-likelihood
    double smoothing = kDawidSkeneSmoothing;
};

struct DawidSkeneFit {
    int classes = 0;
    int raters = 0;
    std::vector<double> priors; // [class]
    std::vector<double> confusion; // [rater][true class][label], rows sum to 1
    std::vector<double> posteriors; // [item][class]
    std::vector<int> map; // [item]: the most probable class (the first of equals)
    int iterations = 0; // EM rounds (M-step then E-step)
    bool converged = false; // the log-likelihood settled before maxIterations
    double logLikelihood = 0.0;
    double theta(int rater, int truth, int label) const
    {
        return confusion[(static_cast<size_t>(rater) * static_cast<size_t>(classes) + static_cast<size_t>(truth)) *
                static_cast<size_t>(classes) +
            static_cast<size_t>(label)];
    }
};

// The majority class of each item's labels (`labels`: items x raters row-major, -1 missing),
// ties broken by a uniform draw among the tied classes from std::mt19937_64(seed), items in
// order, one draw per tie only. -1 for an item without a label.
std::vector<int> dawidSkeneStart(std::span<const int8_t> labels, int raters, int classes, uint64_t seed);

// EM from the one-hot posteriors of `start` (dawidSkeneStart's, or any; -1: an item without a
// label, which is left out of the estimate and gets the priors as its posterior).
DawidSkeneFit dawidSkene(std::span<const int8_t> labels, int raters, int classes, std::span<const int> start,
    const DawidSkeneOptions& options);

// One task of a rating table: its analyzers (those of `analyzers` with a label of the task),
// over the items at least one of them labeled.
struct DawidSkeneReport {
    Task task = Task::Grade;
    uint64_t seed = 0;
    std::vector<std::string> raters; // the analyzers estimated, sorted by name
    std::vector<std::string> items; // item keys of the fit's rows
    std::optional<DawidSkeneFit> fit; // none: see `undefinedReason`
    std::string undefinedReason;
    std::vector<int> mapBySlot; // [table item slot]: the MAP class (task class index), -1 none
};

DawidSkeneReport dawidSkeneOfTable(
    const RatingTable& table, Task task, const std::vector<std::string>& analyzers, const DawidSkeneOptions& options);

// Fills report.tasks[*].dawidSkene for both tasks (seeded with `seed`).
void addDawidSkene(
    AgreementReport& report, const RatingTable& table, const std::vector<std::string>& analyzers, uint64_t seed);

} // namespace sg::core
