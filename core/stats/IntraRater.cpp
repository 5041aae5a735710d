#include "core/stats/IntraRater.h"

#include "core/stats/Scale.h"

namespace sg::core {
namespace {

IntraRaterTask taskFigures(Task task, const std::vector<ReadPair>& pairs)
{
    const int classes = scaleClassCount(task == Task::Grade ? Scale::Grade : Scale::Canal);
    ConfusionMatrix m;
    m.classes = classes;
    m.cells.assign(static_cast<size_t>(classes * classes), 0);
    int64_t both = 0;
    for (const ReadPair& p : pairs)
        if (p.first && p.again && *p.first >= 0 && *p.first < classes && *p.again >= 0 && *p.again < classes) {
            ++m.cells[cellIndex(*p.first, *p.again, classes)];
            ++both;
        }
    IntraRaterTask out;
    out.task = task;
    out.scheduled = static_cast<int64_t>(pairs.size());
    out.stats = computePairStatistics(m, out.scheduled - both);
    return out;
}

} // namespace

std::vector<IntraRaterEntry> computeIntraRater(const std::vector<AnalyzerRereads>& rereads)
{
    std::vector<IntraRaterEntry> out;
    for (const AnalyzerRereads& a : rereads) {
        if (a.canal.empty() && a.grade.empty())
            continue;
        out.push_back({a.analyzer, {taskFigures(Task::Canal, a.canal), taskFigures(Task::Grade, a.grade)}});
    }
    return out;
}

} // namespace sg::core
