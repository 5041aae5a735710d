#include "core/stats/ClassifierReference.h"

#include "core/stats/RatingTable.h"

#include <algorithm>

namespace sg::core {
namespace {

// The analyzers' majority grade of an item: a class more than half of at least two grades hold.
std::optional<int> majority(
    const RatingTable& table, const std::string& item, const std::vector<std::string>& analyzers)
{
    int counts[4] = {};
    int labels = 0;
    for (const std::string& a : analyzers)
        if (const auto g = table.label(item, a, Task::Grade)) {
            ++counts[*g];
            ++labels;
        }
    for (int c = 0; c < 4; ++c)
        if (labels >= 2 && 2 * counts[c] > labels)
            return c;
    return std::nullopt;
}

ClassifierVsReference judge(const RatingTable& table, const ClassifierScores& s, const std::string& reference,
    const std::vector<std::string>& analyzers, const DawidSkeneReport* dawidSkene)
{
    auto referenceGrade = [&](const std::string& item) -> std::optional<int> {
        if (reference == kMajorityReference)
            return majority(table, item, analyzers);
        if (reference == kDawidSkeneReference) {
            const int slot = table.findItemSlot(item);
            const int map = slot >= 0 ? dawidSkene->mapBySlot[static_cast<size_t>(slot)] : -1;
            return map >= 0 ? std::optional<int>(map) : std::nullopt;
        }
        return table.label(item, reference, Task::Grade);
    };
    ClassifierVsReference r;
    r.classifier = s.classifier;
    r.reference = reference;
    std::array<std::vector<double>, 2> scores;
    std::array<std::vector<bool>, 2> truth;
    std::vector<std::array<double, 3>> rsna;
    std::vector<int> rsnaTruth;
    std::array<std::array<int64_t, 4>, 2> counts {}; // [view]{tp, fn, tn, fp}
    ConfusionMatrix grades {4, std::vector<int64_t>(16, 0)};
    for (const auto& [item, p] : s.items) {
        const auto predicted = table.label(item, s.classifier, Task::Grade);
        const auto ref = referenceGrade(item);
        if (!predicted || !ref)
            continue;
        ++r.n;
        ++grades.cells[static_cast<size_t>(*ref * 4 + *predicted)];
        for (int v = 0; v < 2; ++v) {
            const int cut = v == 0 ? 1 : 2; // positive from B (any stenosis) or C (severe)
            const bool positive = *ref >= cut, said = *predicted >= cut;
            ++counts[static_cast<size_t>(v)][positive ? (said ? 0 : 1) : (said ? 3 : 2)];
            scores[static_cast<size_t>(v)].push_back(v == 0 ? p[1] + p[2] + p[3] : p[2] + p[3]);
            truth[static_cast<size_t>(v)].push_back(positive);
        }
        rsna.push_back(rsnaClasses(p));
        rsnaTruth.push_back(rsnaClass(*ref));
    }
    for (size_t v = 0; v < 2; ++v) {
        const auto& c = counts[v];
        if (c[0] + c[1] > 0)
            r.sensitivity[v] = static_cast<double>(c[0]) / static_cast<double>(c[0] + c[1]);
        if (c[2] + c[3] > 0)
            r.specificity[v] = static_cast<double>(c[2]) / static_cast<double>(c[2] + c[3]);
        r.auroc[v] = aurocDeLong(scores[v], truth[v]);
    }
    r.rsnaWeightedLogLoss = rsnaWeightedLogLoss(rsna, rsnaTruth);
    if (r.n > 0) {
        const PairStatistics pair = computePairStatistics(grades, 0);
        r.kappaUnweighted = pair.kappaUnweighted;
        r.kappaLinear = pair.kappaLinear;
        r.kappaQuadratic = pair.kappaQuadratic;
        r.f1Macro = pair.f1Macro;
    }
    return r;
}

} // namespace

std::vector<ClassifierVsReference> classifierVsReferences(const RatingTable& table,
    const std::vector<std::string>& references, const std::vector<std::string>& analyzers,
    const std::vector<ClassifierScores>& scores, const DawidSkeneReport* dawidSkene)
{
    std::vector<ClassifierScores> sorted = scores;
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.classifier < b.classifier; });
    std::vector<std::string> refs = references;
    std::sort(refs.begin(), refs.end());
    std::vector<ClassifierVsReference> out;
    for (const ClassifierScores& s : sorted) {
        for (const std::string& ref : refs)
            out.push_back(judge(table, s, ref, analyzers, dawidSkene));
        if (analyzers.size() >= 2)
            out.push_back(judge(table, s, kMajorityReference, analyzers, dawidSkene));
        if (dawidSkene && dawidSkene->fit)
            out.push_back(judge(table, s, kDawidSkeneReference, analyzers, dawidSkene));
    }
    return out;
}

} // namespace sg::core
