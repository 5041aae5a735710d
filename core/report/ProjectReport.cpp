#include "core/report/ProjectReport.h"

#include "core/stats/RatingTable.h"
#include "core/store/ProjectRatings.h"
#include "core/store/ProjectStore.h"
#include "core/store/Worklist.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace sg::core {
namespace {

std::optional<std::string> labelOf(const Rating& r, Task task)
{
    if (task == Task::Grade && r.grade)
        return std::string(gradeName(*r.grade));
    if (task == Task::Canal && r.canal)
        return std::string(canalName(*r.canal));
    return std::nullopt;
}

std::vector<Disagreement> findDisagreements(const ProjectRatings& ratings, const std::vector<std::string>& raters)
{
    std::unordered_map<std::string, size_t> column;
    for (size_t i = 0; i < raters.size(); ++i)
        column.emplace(raters[i], i);
    std::unordered_map<std::int64_t, const RatedItem*> items;
    for (const RatedItem& item : ratings.items)
        items.emplace(item.itemId, &item);

    // Ratings arrive grouped by source, not by item: gather each item's row first.
    std::map<std::pair<std::int64_t, Task>, Disagreement> rows;
    for (const Rating& r : ratings.ratings) {
        const auto item = items.find(r.itemId);
        if (item == items.end())
            continue;
        for (Task task : {Task::Grade, Task::Canal}) {
            auto label = labelOf(r, task);
            if (!label)
                continue;
            Disagreement& row = rows[{r.itemId, task}];
            if (row.labels.empty()) {
                row.itemKey = ratingItemKey(*item->second);
                row.level = item->second->level;
                row.task = task;
                row.labels.resize(raters.size());
            }
            row.labels[column.at(r.rater)] = std::move(label);
        }
    }

    std::vector<Disagreement> out;
    for (auto& [key, row] : rows) {
        std::set<std::string> distinct;
        for (size_t i = 0; i < raters.size(); ++i)
            if (row.labels[i] && raters[i] != kConsensusRater)
                distinct.insert(*row.labels[i]);
        if (distinct.size() > 1)
            out.push_back(std::move(row));
    }
    // The order a reviewer reads: study, then item, grade before canal (map order is item id).
    const auto study = [](const Disagreement& d) { return d.itemKey.substr(0, d.itemKey.find(' ')); };
    std::stable_sort(
        out.begin(), out.end(), [&](const Disagreement& a, const Disagreement& b) { return study(a) < study(b); });
    return out;
}

} // namespace

Result<ProjectReport> buildProjectReport(ProjectStore& store)
{
    const auto ratings = readProjectRatings(store);
    if (!ratings)
        return Error {ratings.error()};
    const auto analyzers = store.analyzers();
    if (!analyzers)
        return Error {analyzers.error()};

    ProjectReport report;
    report.generatedAt = utcNow();
    report.items = static_cast<std::int64_t>(ratings->items.size());
    std::set<std::string> keys;
    for (const RatedItem& item : ratings->items)
        keys.insert(item.studyKey);
    report.studyKeys.assign(keys.begin(), keys.end());
    for (const RaterInfo& rater : ratings->raters) {
        report.raters.push_back(rater.name);
        if (rater.kind == RaterKind::Classifier)
            report.models.push_back(rater.name);
        report.hasConsensus = report.hasConsensus || rater.kind == RaterKind::Consensus;
    }
    for (const Analyzer& a : *analyzers) {
        report.analyzers.push_back(a.name);
        const auto p = progress(store, a);
        if (!p)
            return Error {p.error()};
        report.progress.push_back({a.name, a.isLead(), p->done, p->total});
    }
    std::sort(report.analyzers.begin(), report.analyzers.end());
    std::sort(report.progress.begin(), report.progress.end(),
        [](const AnalyzerProgressRow& a, const AnalyzerProgressRow& b) { return a.name < b.name; });

    RatingTable table;
    fillRatingTable(table, *ratings);
    report.agreement = computeAgreementReport(table);
    // The same figures as `stats --db` (the default bootstrap, resampling the studies).
    addBootstrap(report.agreement, table, BootstrapOptions {});
    addClassifierFigures(report.agreement, table, *ratings);
    report.disagreements = findDisagreements(*ratings, report.raters);
    return report;
}

} // namespace sg::core
