#include "core/report/ReportPlots.h"

#include "core/labels/RaterName.h"

namespace sg::core {

const TaskEntry* findTask(const ProjectReport& report, Task task)
{
    for (const TaskEntry& t : report.agreement.tasks)
        if (t.task == task)
            return &t;
    return nullptr;
}

const PairReport* findPair(const ScaleReport& scale, const std::string& reference, const std::string& other)
{
    for (const PairReport& p : scale.pairs)
        if (p.reference == reference && p.other == other)
            return &p;
    return nullptr;
}

std::vector<PlotSpec> reportPlots(const ProjectReport& report)
{
    // Confusion and per-level charts for the pairs of the paper's table, not for the
    // consensus: it covers the reviewed items only, and its figures are in the tables.
    const auto charted = [](const PairReport& p) {
        return p.reference < p.other && p.stats.n > 0 && p.reference != kConsensusRater && p.other != kConsensusRater;
    };
    std::vector<PlotSpec> plots;
    for (const TaskEntry& t : report.agreement.tasks) {
        const std::string task(taskName(t.task));
        if (t.all.scale.raters.empty())
            continue;
        plots.push_back({"kappa-" + task, PlotKind::KappaIntervals, t.task, "", "",
            "Cohen's kappa (unweighted) with 95% CI (patient-clustered bootstrap where defined, else "
            "asymptotic), " +
                task + ", over the Landis-Koch bands"});
        plots.push_back({"distribution-" + task, PlotKind::Distribution, t.task, "", "",
            "Distribution of each rater's labels, " + task});
        int n = 0;
        for (const PairReport& p : t.all.scale.pairs)
            if (charted(p))
                plots.push_back(
                    {"confusion-" + task + "-" + std::to_string(++n), PlotKind::Confusion, t.task, p.reference, p.other,
                        "Confusion, " + task + ": " + p.reference + " (rows) vs " + p.other + " (columns)"});
        if (t.levels.empty())
            continue;
        n = 0;
        for (const PairReport& p : t.all.scale.pairs)
            if (charted(p))
                plots.push_back({"levels-" + task + "-" + std::to_string(++n), PlotKind::PerLevel, t.task, p.reference,
                    p.other, "Agreement and kappa per level, " + task + ": " + p.reference + " vs " + p.other});
    }
    return plots;
}

} // namespace sg::core
