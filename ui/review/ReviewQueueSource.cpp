#include "ui/review/ReviewQueueSource.h"

#include "core/store/ProjectStore.h"

#include <algorithm>

namespace sg::ui {

using namespace sg::core;

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
    std::sort(predictions->begin(), predictions->end(),
        [](const Prediction& a, const Prediction& b) { return a.modelName < b.modelName; });
    for (const Prediction& p : *predictions) {
        // Classes by highest probability, as the statistics and the queue read a model.
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

ConsensusDraft draftOf(const Consensus& c)
{
    ConsensusDraft d;
    d.canal = c.canal;
    d.grade = c.grade;
    d.subgrade = c.subgrade;
    d.patch = c.patch;
    d.reason = c.reasonCode;
    d.note = QString::fromStdString(c.reason);
    return d;
}

Consensus consensusOf(std::int64_t itemId, const ConsensusDraft& d)
{
    Consensus c;
    c.itemId = itemId;
    c.canal = d.canal;
    c.grade = d.grade;
    c.subgrade = d.subgrade;
    c.patch = d.patch;
    c.reasonCode = d.reason;
    c.reason = d.note.trimmed().toStdString();
    return c;
}

} // namespace sg::ui
