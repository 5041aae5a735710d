#include "core/report/ProjectReport.h"

#include "core/stats/RatingTable.h"
#include "core/store/ProjectRatings.h"
#include "core/store/ProjectStore.h"
#include "core/store/RereadRatings.h"
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

std::vector<Disagreement> findDisagreements(
    const ProjectRatings& ratings, const std::vector<std::string>& raters, const std::vector<std::string>& analyzers)
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
                row.itemId = r.itemId;
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
        // Analyzers only: a model that departs from analyzers who agree is the model's error,
        // not an item the lead must decide.
        std::set<std::string> distinct;
        for (size_t i = 0; i < raters.size(); ++i)
            if (row.labels[i] && std::find(analyzers.begin(), analyzers.end(), raters[i]) != analyzers.end())
                distinct.insert(*row.labels[i]);
        if (distinct.size() < 2)
            continue;
        for (size_t i = 0; i < raters.size(); ++i)
            if (raters[i] == kConsensusRater)
                row.consensus = row.labels[i];
        out.push_back(std::move(row));
    }
    // The order a reviewer reads: key order (study, level, slice), grade before canal (map order).
    std::stable_sort(out.begin(), out.end(), [&](const Disagreement& a, const Disagreement& b) {
        return ratings.keys.rank(a.itemId) < ratings.keys.rank(b.itemId);
    });
    return out;
}

// The reason of each decided disagreement, read as the lead (only a lead sees consensus).
Status consensusReasons(ProjectStore& store, const std::vector<Analyzer>& analyzers, std::vector<Disagreement>& rows)
{
    const auto lead = std::find_if(analyzers.begin(), analyzers.end(), [](const Analyzer& a) { return a.isLead(); });
    if (lead == analyzers.end())
        return Status::success();
    for (Disagreement& d : rows) {
        if (!d.consensus)
            continue;
        const auto c = store.consensus(*lead, d.itemId);
        if (!c)
            return Status::failure(c.error());
        if (*c) {
            d.reasonCode = (*c)->reasonCode;
            d.reason = (*c)->reason;
        }
    }
    return Status::success();
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
    std::set<std::string> levels;
    for (const RatedItem& item : ratings->items)
        if (!item.level.empty())
            levels.insert(item.level);
    report.levels.assign(levels.begin(), levels.end());
    std::set<std::int64_t> decided;
    for (const Rating& r : ratings->ratings)
        if (r.rater == kConsensusRater)
            decided.insert(r.itemId);
    report.consensusItems = static_cast<std::int64_t>(decided.size());
    const auto assisted = store.assisted();
    if (!assisted)
        return Error {assisted.error()};
    report.assisted = *assisted;
    for (const RaterInfo& rater : ratings->raters) {
        report.raters.push_back(rater.name);
        if (rater.kind == RaterKind::Analyzer)
            report.analyzerRaters.push_back(rater.name);
        if (rater.kind == RaterKind::Classifier)
            report.models.push_back(rater.name);
        report.hasConsensus = report.hasConsensus || rater.kind == RaterKind::Consensus;
    }
    for (const Analyzer& a : *analyzers) {
        report.analyzers.push_back(a.name);
        if (!a.isLead())
            report.analyzersJoined.push_back(a.name); // analyzers() is in id order
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
    if (const Status intra = addIntraRater(report.agreement, store); !intra)
        return Error {intra.error()};
    report.disagreements = findDisagreements(*ratings, report.raters, report.analyzerRaters);
    if (Status reasons = consensusReasons(store, *analyzers, report.disagreements); !reasons)
        return Error {reasons.error()};
    return report;
}

} // namespace sg::core
