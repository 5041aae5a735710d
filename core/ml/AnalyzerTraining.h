#pragma once
// The paper's design: one classifier per analyzer, trained on that analyzer's labels in a
// project (their patches, rootlet/cord and grades), checked by k-fold cross-validation
// grouped by study (no patient in both halves of a fold), then trained on all labels.
#include "core/ml/Training.h"
#include "core/stats/PairStatistics.h"
#include "core/store/ProjectStore.h"

#include <functional>
#include <string>
#include <vector>

namespace sg::core {

struct AnalyzerLabelSet {
    std::vector<TrainingSample> samples;
    std::vector<SliceImage> images; // parallel to samples (for held-out proposals)
    std::vector<std::string> studies; // parallel: study instance UID (the fold groups)
    std::vector<Label> labels; // parallel
    std::vector<std::string> skipped; // "file: reason" of labels that could not be used
};

// Labels of `analyzerName` that have a patch, with their slices' pixels (read from the files).
Result<AnalyzerLabelSet> loadAnalyzerLabels(ProjectStore& store, const std::string& analyzerName,
    const std::function<void(int done, int total)>& progress = {});

struct FoldResult {
    int fold = 0;
    int trainItems = 0;
    int testItems = 0;
    PairStatistics canal; // analyzer = reference, model = other
    PairStatistics grade;
    // The fold model's proposals for the fold's held-out items (model name and version left
    // empty for the caller): stored in the project, they make the analyzer's own classifier a
    // rater whose every prediction came from a model that never saw that study.
    std::vector<Prediction> heldOut;
};

struct CrossValidationOptions {
    int folds = 5;
    TrainOptions train; // initFrom: the model to fine-tune (the shipped one by default)
    std::string workDirectory; // fold models are written under it
};

// Trains and tests every fold; `onFold` after each.
Result<std::vector<FoldResult>> crossValidate(const AnalyzerLabelSet& set, const CrossValidationOptions& options,
    const std::function<void(const FoldResult&)>& onFold = {});

} // namespace sg::core
