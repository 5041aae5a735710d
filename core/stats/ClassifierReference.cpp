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
    const std::vector<std::string>& analyzers)
{
    ClassifierVsReference r;
    r.classifier = s.classifier;
    r.reference = reference;
    std::array<std::vector<double>, 2> scores;
    std::array<std::vector<bool>, 2> truth;
    std::vector<std::array<double, 3>> rsna;
    std::vector<int> rsnaTruth;
    std::array<std::array<int64_t, 4>, 2> counts {}; // [view]{tp, fn, tn, fp}
    for (const auto& [item, p] : s.items) {
        const auto predicted = table.label(item, s.classifier, Task::Grade);
        const auto ref = reference == kMajorityReference ? majority(table, item, analyzers)
                                                         : table.label(item, reference, Task::Grade);
        if (!predicted || !ref)
            continue;
        ++r.n;
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
    return r;
}

} // namespace

std::vector<ClassifierVsReference> classifierVsReferences(const RatingTable& table,
    const std::vector<std::string>& references, const std::vector<std::string>& analyzers,
    const std::vector<ClassifierScores>& scores)
{
    std::vector<ClassifierScores> sorted = scores;
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.classifier < b.classifier; });
    std::vector<std::string> refs = references;
    std::sort(refs.begin(), refs.end());
    std::vector<ClassifierVsReference> out;
    for (const ClassifierScores& s : sorted) {
        for (const std::string& ref : refs)
            out.push_back(judge(table, s, ref, analyzers));
        if (analyzers.size() >= 2)
            out.push_back(judge(table, s, kMajorityReference, analyzers));
    }
    return out;
}

} // namespace sg::core
