#include "core/stats/AgreementReport.h"

#include "core/stats/FleissKappa.h"

#include <algorithm>
#include <functional>

namespace sg::core {
namespace {

TaskReport taskReport(Task task, const std::vector<std::string>& names,
    const std::function<const AgreementTally&(Scale)>& tallyOf, int64_t taskItems)
{
    TaskReport r;
    for (Scale scale : scalesOfTask(task)) {
        ScaleReport s = computeScaleReport(tallyOf(scale), scale, names, taskItems);
        if (isView(scale))
            r.views.push_back(std::move(s));
        else
            r.scale = std::move(s);
    }
    return r;
}

} // namespace

ScaleReport computeScaleReport(
    const AgreementTally& tally, Scale scale, const std::vector<std::string>& raterNames, int64_t taskItems)
{
    ScaleReport report;
    report.scale = scale;
    report.items = tally.itemCount();
    // Every labeled item is an item of the task; a caller that knows no more passes 0.
    report.taskItems = std::max(taskItems, report.items);
    std::vector<int> raters;
    for (int r = 0; r < static_cast<int>(raterNames.size()); ++r)
        if (tally.raterTotal(r) > 0)
            raters.push_back(r);
    std::sort(raters.begin(), raters.end(),
        [&](int a, int b) { return raterNames[static_cast<size_t>(a)] < raterNames[static_cast<size_t>(b)]; });

    for (int r : raters)
        report.raters.push_back({raterNames[static_cast<size_t>(r)], tally.raterTotal(r), tally.raterCounts(r)});
    for (int a : raters)
        for (int b : raters) {
            if (a == b)
                continue;
            const ConfusionMatrix m = tally.confusion(a, b);
            // n_dropped: items of the task that either rater left without a label, also those
            // nobody labeled (docs/domain.md).
            report.pairs.push_back({raterNames[static_cast<size_t>(a)], raterNames[static_cast<size_t>(b)],
                computePairStatistics(m, report.taskItems - m.total()), std::nullopt});
        }
    const int count = static_cast<int>(raters.size());
    const FleissSums sums = tally.fleissSums(count);
    report.fleissItems = count > 0 ? sums.items : 0;
    report.fleissKappa = fleissKappa(sums, count);
    report.fleissKappaSe = fleissKappaSe(sums, count);
    report.krippendorffAlpha = krippendorffAlpha(tally);
    return report;
}

AgreementReport computeAgreementReport(const RatingTable& table)
{
    AgreementReport report;
    const auto& names = table.raterNames();
    const std::vector<std::string> levels = table.levels();
    for (Task task : {Task::Grade, Task::Canal}) {
        TaskEntry entry;
        entry.task = task;
        entry.all = taskReport(
            task, names, [&](Scale s) -> const AgreementTally& { return table.tally(s); }, table.taskItems(task));
        for (const std::string& level : levels) {
            if (table.levelTally(scalesOfTask(task).front(), level)->itemCount() == 0)
                continue;
            entry.levels.push_back({level,
                taskReport(
                    task, names, [&](Scale s) -> const AgreementTally& { return *table.levelTally(s, level); },
                    table.levelTaskItems(task, level))});
        }
        report.tasks.push_back(std::move(entry));
    }
    return report;
}

} // namespace sg::core
