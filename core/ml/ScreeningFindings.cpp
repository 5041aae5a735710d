#include "core/ml/ScreeningFindings.h"

#include <ctime>
#include <map>

namespace sg::core {

ScreeningReport buildScreeningReport(const Study& study, const ModelInfo& model, const std::string& modelStatus,
    const std::vector<ScreenedSlice>& slices)
{
    ScreeningReport report;
    report.study = study;
    report.study.series.clear();
    report.modelName = model.name;
    report.modelVersion = model.version;
    report.modelStatus = modelStatus;
    char when[32] = {};
    const std::time_t now = std::time(nullptr);
    std::tm local {};
    if (localtime_r(&now, &local))
        std::strftime(when, sizeof when, "%Y-%m-%d %H:%M", &local);
    report.created = when;

    struct Worst {
        const ScreenedSlice* slice = nullptr;
        Grade grade = Grade::A;
        double probability = 0;
        bool anyCanal = false;
        std::string outOfDistribution; // the first slice's reason, when the model refused to grade it
    };
    std::map<Level, Worst> byLevel;
    for (const ScreenedSlice& s : slices) {
        if (!s.stack || !s.stack->level)
            continue;
        Worst& w = byLevel[*s.stack->level];
        w.anyCanal = w.anyCanal || s.proposal.canalFound;
        if (w.outOfDistribution.empty())
            w.outOfDistribution = s.proposal.notGraded;
        const auto grade = proposedGrade(s.proposal);
        if (!grade)
            continue;
        const double p = s.proposal.grade[static_cast<size_t>(*grade)];
        if (worseFinding(*grade, p, w.slice ? std::optional<Grade>(w.grade) : std::nullopt, w.probability)) {
            w.slice = &s;
            w.grade = *grade;
            w.probability = p;
        }
    }
    for (Level level : kAllLevels) { // L1/L2 first: cranial to caudal, as a report reads
        const auto it = byLevel.find(level);
        if (it == byLevel.end())
            continue;
        const Worst& w = it->second;
        ScreeningLevel row;
        row.level = std::string(levelName(level));
        if (!w.slice) {
            row.note = w.anyCanal              ? "not graded: the canal shows the cord (no rootlet slice)"
                : !w.outOfDistribution.empty() ? "not graded: " + w.outOfDistribution
                                               : "not graded: no canal found on its slices";
            report.levels.push_back(std::move(row));
            continue;
        }
        const ScreenedSlice& s = *w.slice;
        row.grade = w.grade;
        row.probability = w.probability;
        row.sliceNumber = s.index + 1;
        row.sliceCount = static_cast<int>(s.stack->slices.size());
        const SliceRef& ref = s.stack->slices.at(static_cast<size_t>(s.index));
        row.instanceNumber = ref.instanceNumber;
        row.sopInstanceUid = ref.sopInstanceUid;
        row.seriesDescription = s.seriesDescription;
        row.modality = s.modality;
        row.image = s.image;
        row.patch = s.proposal.patch;
        report.levels.push_back(std::move(row));
    }
    return report;
}

} // namespace sg::core
