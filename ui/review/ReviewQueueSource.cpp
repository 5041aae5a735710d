#include "ui/review/ReviewQueueSource.h"

#include "core/labels/ItemKey.h"
#include "core/store/ProjectStore.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace sg::ui {

using namespace sg::core;

// TEMPORARY: until core's ReviewQueue lands (branch review-core), a minimal queue from the
// labels, so the GUI can be built and driven. Replaced by core's ranking.
Result<std::vector<ReviewEntry>> readReviewEntries(ProjectStore& store, const Analyzer& lead, const ItemKeys& keys)
{
    auto analyzers = store.analyzers();
    auto labels = store.labels(lead);
    auto items = store.items();
    if (!analyzers || !labels || !items)
        return Error {!analyzers ? analyzers.error() : !labels ? labels.error() : items.error()};
    std::map<std::int64_t, std::string> names;
    for (const Analyzer& a : *analyzers)
        if (!a.isLead())
            names[a.id] = a.name;
    std::map<std::int64_t, std::vector<Label>> byItem;
    for (const Label& l : *labels)
        if (names.count(l.analyzerId))
            byItem[l.itemId].push_back(l);
    std::vector<ReviewEntry> out;
    for (const Item& item : *items) {
        ReviewEntry e;
        e.itemId = item.id;
        e.key = QString::fromStdString(keys.key(item.id));
        e.level = item.level;
        const auto& ls = byItem[item.id];
        for (size_t i = 0; i < ls.size(); ++i)
            for (size_t j = i + 1; j < ls.size(); ++j) {
                unsigned k = 0;
                if (ls[i].canal != ls[j].canal)
                    k |= KindCanal;
                if (ls[i].grade && ls[j].grade && ls[i].grade != ls[j].grade) {
                    k |= KindGrade;
                    e.gradeDistance = std::max(e.gradeDistance, std::abs(int(*ls[i].grade) - int(*ls[j].grade)));
                }
                if (ls[i].patch && ls[j].patch &&
                    std::hypot(ls[i].patch->x - ls[j].patch->x, ls[i].patch->y - ls[j].patch->y) > 5)
                    k |= KindPatch;
                if (k) {
                    e.kinds |= k;
                    e.pairs.push_back(
                        QString::fromStdString(names[ls[i].analyzerId] + " / " + names[ls[j].analyzerId]));
                }
            }
        auto consensus = store.consensus(lead, item.id);
        e.decided = consensus && *consensus;
        if (e.kinds)
            out.push_back(e);
    }
    std::stable_sort(out.begin(), out.end(),
        [](const ReviewEntry& a, const ReviewEntry& b) { return a.gradeDistance > b.gradeDistance; });
    return out;
}

Result<std::vector<RaterRead>> readRaterReads(ProjectStore& store, const Analyzer& lead, std::int64_t itemId)
{
    auto analyzers = store.analyzers();
    if (!analyzers)
        return Error {analyzers.error()};
    std::vector<RaterRead> out;
    for (const Analyzer& a : *analyzers) {
        if (a.isLead())
            continue;
        auto label = store.label(lead, itemId, a.id);
        if (!label)
            return Error {label.error()};
        out.push_back({QString::fromStdString(a.name), a.id, false, *label});
    }
    auto predictions = store.predictions(lead, itemId);
    if (!predictions)
        return Error {predictions.error()};
    for (const Prediction& p : *predictions) {
        Label l;
        l.itemId = itemId;
        l.patch = p.patch;
        if (p.canalProbabilities.size() == 2)
            l.canal = p.canalProbabilities[0] >= p.canalProbabilities[1] ? Canal::Rootlet : Canal::Cord;
        if (p.gradeProbabilities.size() == 4 && l.canal == Canal::Rootlet)
            l.grade = static_cast<Grade>(std::max_element(p.gradeProbabilities.begin(), p.gradeProbabilities.end()) -
                p.gradeProbabilities.begin());
        out.push_back({QString::fromStdString(p.modelName), 0, true, l});
    }
    return out;
}

Result<std::optional<Consensus>> readConsensus(ProjectStore& store, const Analyzer& lead, std::int64_t itemId)
{
    return store.consensus(lead, itemId);
}

std::optional<Patch> consensusPatch(const Consensus&)
{
    return std::nullopt;
}

QString consensusReason(const Consensus& consensus)
{
    return QString::fromStdString(consensus.reason);
}

QString consensusNote(const Consensus&)
{
    return {};
}

Status saveConsensusDraft(ProjectStore& store, const Analyzer& lead, std::int64_t itemId, const ConsensusDraft& draft)
{
    Consensus c;
    c.itemId = itemId;
    c.canal = draft.canal;
    c.grade = draft.grade;
    c.subgrade = draft.subgrade;
    c.reason = draft.reason.toStdString();
    return store.saveConsensus(lead, c);
}

Result<std::optional<std::int64_t>> undoConsensus(ProjectStore&, const Analyzer&, bool)
{
    return Error {"consensus undo needs the consensus history (branch review-core)"};
}

} // namespace sg::ui
