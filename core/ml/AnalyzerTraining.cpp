#include "core/ml/AnalyzerTraining.h"

#include "core/ml/ProposalModel.h"
#include "core/store/ItemSlice.h"
#include "core/store/ProjectStore.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>

namespace sg::core {

Result<AnalyzerLabelSet> loadAnalyzerLabels(
    ProjectStore& store, const std::string& analyzerName, const std::function<void(int, int)>& progress)
{
    Result<std::optional<Analyzer>> analyzer = store.findAnalyzer(analyzerName);
    if (!analyzer)
        return Error {analyzer.error()};
    if (!*analyzer)
        return Error {store.path() + ": no analyzer named \"" + analyzerName + "\""};
    Result<std::vector<Label>> labels = store.labels(**analyzer);
    if (!labels)
        return Error {labels.error()};
    AnalyzerLabelSet set;
    int done = 0;
    const auto total = static_cast<int>(labels->size());
    for (const Label& label : *labels) {
        if (progress)
            progress(++done, total);
        if (label.analyzerId != (*analyzer)->id || !label.patch || !label.canal)
            continue; // the localizer and the classifier learn from the patch and rootlet/cord
        Result<Item> item = store.item(label.itemId);
        if (!item)
            return Error {item.error()};
        Result<SliceImage> slice = loadItemSlice(store, *item);
        if (!slice) {
            set.skipped.push_back(slice.error());
            continue;
        }
        const Patch& p = *label.patch;
        const Point2 centre {p.x + 0.5 * p.w, p.y + 0.5 * p.h};
        const double side = std::max(p.w * slice->columnSpacing, p.h * slice->rowSpacing);
        std::optional<Grade> grade = *label.canal == Canal::Rootlet ? label.grade : std::nullopt;
        set.samples.push_back(makeTrainingSample(*slice, centre, side, label.canal, grade, centre));
        set.images.push_back(std::move(*slice));
        set.studies.push_back(item->studyUidHash);
        set.labels.push_back(label);
    }
    if (set.samples.empty())
        return Error {store.path() + ": analyzer \"" + analyzerName + "\" has no labels with a patch and rootlet/cord"};
    return set;
}

Result<std::vector<FoldResult>> crossValidate(const AnalyzerLabelSet& set, const CrossValidationOptions& options,
    const std::function<void(const FoldResult&)>& onFold)
{
    // Studies, not slices, go to folds: neighbouring slices of one patient look alike.
    std::vector<std::string> studies = set.studies;
    std::sort(studies.begin(), studies.end());
    studies.erase(std::unique(studies.begin(), studies.end()), studies.end());
    if (options.folds < 2 || static_cast<int>(studies.size()) < options.folds)
        return Error {"cross-validation needs at least 2 folds and a study per fold (" +
            std::to_string(studies.size()) + " studies labeled, " + std::to_string(options.folds) + " folds asked)"};
    std::mt19937_64 rng(options.train.seed);
    std::shuffle(studies.begin(), studies.end(), rng);
    std::map<std::string, int> foldOf;
    for (size_t i = 0; i < studies.size(); ++i)
        foldOf[studies[i]] = static_cast<int>(i % static_cast<size_t>(options.folds));

    std::vector<FoldResult> results;
    for (int fold = 0; fold < options.folds; ++fold) {
        std::vector<TrainingSample> train;
        std::vector<size_t> test;
        for (size_t i = 0; i < set.samples.size(); ++i) {
            if (foldOf[set.studies[i]] == fold)
                test.push_back(i);
            else
                train.push_back(set.samples[i]);
        }
        const std::string dir =
            (std::filesystem::path(options.workDirectory) / ("fold" + std::to_string(fold + 1))).string();
        ModelManifest manifest;
        manifest.name = "fold-" + std::to_string(fold + 1);
        manifest.version = "0";
        Result<bool> trained = trainProposalModel(train, options.train, manifest, dir);
        if (!trained)
            return Error {trained.error()};
        Result<std::unique_ptr<ProposalModel>> model = ProposalModel::load(dir);
        if (!model)
            return Error {model.error()};
        std::vector<Prediction> heldOut;
        ConfusionMatrix canal {2, std::vector<int64_t>(4, 0)};
        ConfusionMatrix grade {4, std::vector<int64_t>(16, 0)};
        for (size_t i : test) {
            Result<SliceProposal> p = (*model)->propose(set.images[i]);
            if (!p)
                return Error {p.error()};
            const Label& label = set.labels[i];
            Prediction held;
            held.itemId = label.itemId;
            if (p->canalFound) {
                held.patch = p->patch;
                held.canalProbabilities.assign(p->canal.begin(), p->canal.end());
                held.gradeProbabilities.assign(p->grade.begin(), p->grade.end());
            }
            heldOut.push_back(std::move(held));
            const int modelCanal = p->canal[1] > p->canal[0] ? 1 : 0;
            ++canal.cells[cellIndex(static_cast<int>(*label.canal), modelCanal, 2)];
            if (label.grade && *label.canal == Canal::Rootlet) {
                const int g = static_cast<int>(std::max_element(p->grade.begin(), p->grade.end()) - p->grade.begin());
                ++grade.cells[cellIndex(static_cast<int>(*label.grade), g, 4)];
            }
        }
        FoldResult r;
        r.fold = fold + 1;
        r.trainItems = static_cast<int>(train.size());
        r.testItems = static_cast<int>(test.size());
        r.canal = computePairStatistics(canal, 0);
        r.grade = computePairStatistics(grade, 0);
        r.heldOut = std::move(heldOut);
        if (onFold)
            onFold(r);
        results.push_back(r);
    }
    return results;
}

} // namespace sg::core
