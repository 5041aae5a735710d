#include "app/cli/ScreenedSlices.h"

#include "core/ml/OutOfDistribution.h"

#include <map>

namespace sg::cli {

std::vector<LevelWorst> worstPerLevel(const std::vector<ScreenedSlice>& slices)
{
    std::map<core::Level, LevelWorst> byLevel;
    std::map<core::Level, std::vector<const core::SliceProposal*>> perLevel;
    for (const ScreenedSlice& s : slices)
        if (s.level)
            perLevel[*s.level].push_back(&s.proposal);
    for (const auto& [level, proposals] : perLevel)
        if (std::string why = core::levelNotGradedReason(proposals); !why.empty())
            byLevel[level] = LevelWorst {std::string(core::levelName(level)), -1, 0, {}, why};
    for (std::int64_t k = 0; k < static_cast<std::int64_t>(slices.size()); ++k) {
        const ScreenedSlice& s = slices[static_cast<size_t>(k)];
        const auto grade = core::proposedGrade(s.proposal); // rootlet slices with a canal only
        if (!s.level || !grade)
            continue;
        LevelWorst& w = byLevel[*s.level];
        const int g = static_cast<int>(*grade);
        const double prob = s.proposal.grade[static_cast<size_t>(g)];
        const std::optional<core::Grade> worst =
            w.grade < 0 ? std::nullopt : std::optional<core::Grade>(static_cast<core::Grade>(w.grade));
        if (core::worseFinding(*grade, prob, worst, w.probability)) {
            w.level = std::string(core::levelName(*s.level));
            w.grade = g;
            w.probability = prob;
            w.sopUid = s.sopUid;
            w.index = k;
        }
    }
    std::vector<LevelWorst> out;
    for (const auto& [level, w] : byLevel)
        out.push_back(w);
    return out;
}

} // namespace sg::cli
